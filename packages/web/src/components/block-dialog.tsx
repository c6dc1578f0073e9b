import { type FormEvent, useId, useState } from "react";
import { api, unwrap } from "../api/client.js";
import {
  type ExpiryChoice,
  expiryBody,
  expiryChoices,
  expiryLabels,
  parseExpiryChoice,
} from "../lib/blocks.js";
import { useControlChanged } from "../lib/use-blocks.js";
import { useDialogAction } from "./confirm-button.js";
import { StopIcon } from "./stop-icon.js";

/**
 * "Block deploys": anyone signed in, viewers too, can stop deploys to an environment (or, with
 * no environment, to the whole project) with a reason and an expiry. `compact` is the overview's
 * small button.
 */
export function BlockButton(props: {
  project: string;
  environment: string | null;
  compact?: boolean;
}) {
  const { project, environment, compact } = props;
  const { dialog, busy, error, setError, open, close, run } = useDialogAction();
  const changed = useControlChanged();
  const id = useId();
  const [reason, setReason] = useState("");
  const [expiry, setExpiry] = useState<ExpiryChoice>("lifted");
  const target = environment ? `${environment} of ${project}` : `every environment of ${project}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const why = reason.trim();
    if (why === "") {
      setError("Say why deploys should stop: whoever deploys next reads it.");
      return;
    }
    void run(async () => {
      await unwrap(
        api.POST("/api/v1/projects/{name}/blocks", {
          params: { path: { name: project } },
          body: {
            ...(environment ? { environment } : {}),
            reason: why,
            ...expiryBody(expiry, Date.now()),
          },
        }),
      );
      await changed(project);
    });
  };

  return (
    <>
      <button
        type="button"
        className={compact ? "block-button compact" : "danger block-button"}
        aria-label={compact ? `Block deploys to ${target}` : undefined}
        onClick={() => {
          setReason("");
          setExpiry("lifted");
          open();
        }}
      >
        <StopIcon /> {compact ? "Block" : environment ? "Block deploys" : "Block all deploys"}
      </button>
      <dialog ref={dialog} aria-labelledby={`${id}-title`}>
        <form className="dialog-form" onSubmit={submit} noValidate>
          <h2 id={`${id}-title`}>Block deploys to {target}?</h2>
          <p className="hint">
            Nothing goes out to {environment ?? project} — scheduled, automatic or by hand — until
            the block is lifted or expires. You or a deployer can lift it.
          </p>
          <label>
            Reason
            <textarea
              name="reason"
              rows={2}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              placeholder="support sees checkout errors"
              aria-invalid={error !== null && reason.trim() === ""}
              required
            />
          </label>
          <label>
            Lasts
            <select
              name="expiry"
              value={expiry}
              onChange={(event) => setExpiry(parseExpiryChoice(event.target.value))}
            >
              {expiryChoices.map((choice) => (
                <option key={choice} value={choice}>
                  {expiryLabels[choice]}
                </option>
              ))}
            </select>
          </label>
          {error && (
            <p className="notice notice-bad" role="alert">
              {error}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={close} disabled={busy}>
              Cancel
            </button>
            <button type="submit" className="danger" disabled={busy}>
              {busy ? "Blocking…" : "Block deploys"}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
