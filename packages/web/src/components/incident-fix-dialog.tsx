import { useId, useState } from "react";
import { api, unwrap } from "../api/client.js";
import { parseBuildNumber } from "../lib/deployment-format.js";
import { canMarkFix, fixMarkedMessage, type Incident } from "../lib/incident-detail.js";
import { BuildNumberField } from "./build-number-field.js";
import { useDialogAction } from "./confirm-button.js";
import { FormDialog } from "./form-dialog.js";

/**
 * "Mark a fix…", for deployers on an open incident: names a build that fixes it, so defects-first
 * lets that build through while the incident stays open. The server's refusal (already marked,
 * unknown build, another project's build) shows in the dialog; `onMarked` gets the page's sentence.
 */
export function IncidentFixButton(props: {
  incident: Incident;
  onMarked: (message: string) => void;
}) {
  const { incident, onMarked } = props;
  const action = useDialogAction();
  const { error, setError, open, run } = action;
  const [text, setText] = useState("");
  const id = useId();
  if (!canMarkFix(incident)) return null;

  const submit = () => {
    const parsed = parseBuildNumber(text, "the build that fixes it");
    if ("error" in parsed) {
      setError(parsed.error);
      return;
    }
    void run(async () => {
      const fix = await unwrap(
        api.POST("/api/v1/incidents/{id}/fixes", {
          params: { path: { id: incident.id } },
          body: { build: parsed.build },
        }),
      );
      onMarked(fixMarkedMessage(fix));
    });
  };

  return (
    <>
      <button
        type="button"
        onClick={() => {
          setText("");
          open();
        }}
      >
        Mark a fix…
      </button>
      <FormDialog
        action={action}
        title={`Mark a build as fixing INC-${incident.id}`}
        className="dialog-form"
        noValidate
        onSubmit={submit}
        confirmLabel="Mark as fix"
        busyLabel="Marking…"
        errorId={`${id}-error`}
      >
        <BuildNumberField
          id={id}
          value={text}
          onChange={(value) => {
            setText(value);
            setError(null);
          }}
          invalid={error !== null}
          hint={
            <>
              A build of {incident.project}. While this incident is open, defects-first holds back
              the project's builds that do not fix it; a build marked here goes through, like one
              with a commit saying <code>Fixes: INC-{incident.id}</code>.
            </>
          }
        />
      </FormDialog>
    </>
  );
}
