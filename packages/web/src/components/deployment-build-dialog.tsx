import { type FormEvent, useId, useState } from "react";
import { parseBuildNumber } from "../lib/deployment-format.js";
import { useDialogAction } from "./confirm-button.js";

/**
 * "Deploy build…": asks for a build number, checks it, and keeps the dialog open with the
 * server's reason when it refuses (wrong project, build not passed, unknown build).
 */
export function DeploymentBuildDialog(props: {
  environment: string;
  onDeploy: (build: number) => Promise<unknown>;
}) {
  const { dialog, busy, error, setError, open, close, run } = useDialogAction();
  const id = useId();
  const [text, setText] = useState("");

  const submit = (event: FormEvent) => {
    event.preventDefault();
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
      <dialog ref={dialog} aria-labelledby={`${id}-title`}>
        <form onSubmit={submit} noValidate>
          <h2 id={`${id}-title`}>Deploy a build to {props.environment}</h2>
          <label>
            Build number
            <input
              name="build"
              inputMode="numeric"
              autoComplete="off"
              placeholder="42"
              value={text}
              onChange={(event) => setText(event.target.value)}
              aria-invalid={error !== null}
              aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
            />
          </label>
          <p className="hint" id={`${id}-hint`}>
            Any passed build of this project, e.g. to bring back an older release. It goes through
            the same health check, canary and bake as any deployment.
          </p>
          {error && (
            <p className="notice notice-bad" role="alert" id={`${id}-error`}>
              {error}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={close} disabled={busy}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={busy}>
              {busy ? "Working…" : "Deploy"}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
