import { useId, useState } from "react";
import type { EnvironmentView } from "../api/answers.js";
import { forceDeployOffer, parseForceReason } from "../lib/control-format.js";
import { useDialogAction } from "./confirm-button.js";
import { FormDialog } from "./form-dialog.js";

/**
 * "Deploy anyway…", for admins: deploys the held candidate past every hold, with a reason the
 * audit log keeps. Shown only while something holds a candidate that is not live yet; the server
 * still decides (it refuses anyone but an admin) and its sentence shows in the dialog.
 */
export function ForceDeployButton(props: {
  env: EnvironmentView;
  onDeploy: (reason: string) => Promise<unknown>;
}) {
  const { env, onDeploy } = props;
  const action = useDialogAction();
  const { error, setError, open, run } = action;
  const [reason, setReason] = useState("");
  const id = useId();
  const offer = forceDeployOffer(env);
  if (!offer || !env.candidate) return null;
  const { candidate } = env;

  const submit = () => {
    const parsed = parseForceReason(reason);
    if ("error" in parsed) setError(parsed.error);
    else void run(() => onDeploy(parsed.reason));
  };

  return (
    <>
      <button
        type="button"
        className="danger"
        onClick={() => {
          setReason("");
          open();
        }}
      >
        Deploy anyway…
      </button>
      <FormDialog
        action={action}
        title={`Deploy build #${offer.buildId} to ${env.name} anyway?`}
        className="dialog-form"
        noValidate
        onSubmit={submit}
        confirmLabel="Deploy anyway"
        busyLabel="Deploying…"
        danger
        errorId={`${id}-error`}
      >
        <p>
          Build <strong>#{offer.buildId}</strong> ({candidate.sha.slice(0, 7)}, {candidate.message})
          goes out now, overriding{" "}
          {offer.holds.length === 1 ? "what holds it" : `the ${offer.holds.length} holds on it`}:
        </p>
        <ul className="force-holds" data-testid="force-holds">
          {offer.holds.map((hold) => (
            <li key={hold}>{hold}</li>
          ))}
        </ul>
        <p className="hint" id={`${id}-hint`}>
          The audit log keeps your reason with these holds. The release still passes its health
          check, canary and bake, and rolls back by itself if it fails.
        </p>
        <label>
          Reason
          <textarea
            name="reason"
            rows={2}
            value={reason}
            onChange={(event) => {
              setReason(event.target.value);
              setError(null);
            }}
            placeholder="hotfix for INC-4, agreed with support"
            aria-invalid={error !== null && reason.trim() === ""}
            aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
            required
          />
        </label>
      </FormDialog>
    </>
  );
}
