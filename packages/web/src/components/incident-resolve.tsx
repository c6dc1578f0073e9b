import { useId, useState } from "react";
import { api, unwrap } from "../api/client.js";
import { type Incident, resolveBlocker } from "../lib/incident-detail.js";
import { useIncidentChange } from "../lib/use-incident.js";
import { useDialogAction } from "./confirm-button.js";
import { FormDialog } from "./form-dialog.js";

/**
 * "Resolve", for deployers: asks for the resolution. Disabled, saying why, until the root cause
 * is set; the API's 409 still shows in the dialog if it is cleared meanwhile.
 */
export function IncidentResolve({ incident }: { incident: Incident }) {
  const change = useIncidentChange(incident.id);
  const action = useDialogAction();
  const [resolution, setResolution] = useState("");
  const ids = { field: useId(), reason: useId() };
  if (incident.state === "resolved") return null;
  const blocker = resolveBlocker(incident);

  return (
    <div className="incident-resolve">
      <button
        type="button"
        className="primary"
        onClick={action.open}
        disabled={blocker !== null}
        aria-describedby={blocker ? ids.reason : undefined}
      >
        Resolve
      </button>
      {blocker && (
        <span id={ids.reason} className="hint">
          {blocker}
        </span>
      )}
      <FormDialog
        action={action}
        title={`Resolve incident #${incident.id}?`}
        className="incident-form"
        onSubmit={() =>
          void action.run(() =>
            change(
              unwrap(
                api.POST("/api/v1/incidents/{id}/resolve", {
                  params: { path: { id: incident.id } },
                  body: { resolution },
                }),
              ),
            ),
          )
        }
        confirmLabel="Resolve"
        busyLabel="Resolving…"
        confirmDisabled={resolution.trim() === ""}
      >
        <p>
          Root cause: <em>{incident.rootCause}</em>
        </p>
        <label htmlFor={ids.field}>Resolution</label>
        <textarea
          id={ids.field}
          rows={3}
          value={resolution}
          onChange={(event) => setResolution(event.target.value)}
          placeholder="index restored in build #88"
          required
        />
      </FormDialog>
    </div>
  );
}
