import { useId, useState } from "react";
import { parseBuildNumber } from "../lib/deployment-format.js";
import { BuildNumberField } from "./build-number-field.js";
import { useDialogAction } from "./confirm-button.js";
import { FormDialog } from "./form-dialog.js";

/**
 * "Deploy build…": asks for a build number, checks it, and keeps the dialog open with the
 * server's reason when it refuses (wrong project, build not passed, unknown build).
 */
export function DeploymentBuildDialog(props: {
  environment: string;
  onDeploy: (build: number) => Promise<unknown>;
}) {
  const action = useDialogAction();
  const { error, setError, open, run } = action;
  const id = useId();
  const [text, setText] = useState("");

  const submit = () => {
    const parsed = parseBuildNumber(text);
    if ("error" in parsed) setError(parsed.error);
    else void run(() => props.onDeploy(parsed.build));
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
        Deploy build…
      </button>
      <FormDialog
        action={action}
        title={`Deploy a build to ${props.environment}`}
        noValidate
        onSubmit={submit}
        confirmLabel="Deploy"
        busyLabel="Working…"
        errorId={`${id}-error`}
      >
        <BuildNumberField
          id={id}
          value={text}
          onChange={setText}
          invalid={error !== null}
          hint="Any passed build of this project, e.g. to bring back an older release. It goes through the same health check, canary and bake as any deployment."
        />
      </FormDialog>
    </>
  );
}
