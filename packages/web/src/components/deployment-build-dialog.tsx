import { type FormEvent, useId, useRef, useState } from "react";
import { parseBuildNumber } from "../lib/deployment-format.js";

/**
 * "Deploy build…": asks for a build number, checks it, and keeps the dialog open with the
 * server's reason when it refuses (wrong project, build not passed, unknown build).
 */
export function DeploymentBuildDialog(props: {
  environment: string;
  onDeploy: (build: number) => Promise<unknown>;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseBuildNumber(text);
    if ("error" in parsed) {
      setError(parsed.error);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await props.onDeploy(parsed.build);
      dialog.current?.close();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button
        type="button"
        onClick={() => {
          setText("");
          setError(null);
          dialog.current?.showModal();
        }}
      >
        Deploy build…
      </button>
      <dialog ref={dialog} aria-labelledby={`${id}-title`}>
        <form onSubmit={(event) => void submit(event)} noValidate>
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
            <button type="button" onClick={() => dialog.current?.close()} disabled={busy}>
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
