import { useId, useState } from "react";
import { api, unwrap } from "../api/client.js";
import { type Incident, resolveBlocker } from "../lib/incident-detail.js";
import { useIncidentChange } from "../lib/use-incident.js";
import { useDialogAction } from "./confirm-button.js";

/**
 * "Resolve", for deployers: asks for the resolution. Disabled, saying why, until the root cause
 * is set; the API's 409 still shows in the dialog if it is cleared meanwhile.
 */
export function IncidentResolve({ incident }: { incident: Incident }) {
  const change = useIncidentChange(incident.id);
  const { dialog, busy, error, open, close, run } = useDialogAction();
  const [resolution, setResolution] = useState("");
  const ids = { title: useId(), field: useId(), reason: useId() };
  if (incident.state === "resolved") return null;
  const blocker = resolveBlocker(incident);

  return (
    <div className="incident-resolve">
      <button
        type="button"
        className="primary"
        onClick={open}
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
      <dialog ref={dialog} aria-labelledby={ids.title}>
        <form
          className="incident-form"
          onSubmit={(event) => {
            event.preventDefault();
            void run(() =>
              change(
                unwrap(
                  api.POST("/api/v1/incidents/{id}/resolve", {
                    params: { path: { id: incident.id } },
                    body: { resolution },
                  }),
                ),
              ),
            );
          }}
        >
          <h2 id={ids.title}>Resolve incident #{incident.id}?</h2>
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
          {error && (
            <p className="notice notice-bad" role="alert">
              {error}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={close} disabled={busy}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={busy || resolution.trim() === ""}>
              {busy ? "Resolving…" : "Resolve"}
            </button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
