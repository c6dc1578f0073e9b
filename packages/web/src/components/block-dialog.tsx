import { useState } from "react";
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
import { FormDialog } from "./form-dialog.js";
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
  const action = useDialogAction();
  const { error, setError, open, run } = action;
  const changed = useControlChanged();
  const [reason, setReason] = useState("");
  const [expiry, setExpiry] = useState<ExpiryChoice>("lifted");
  const target = environment ? `${environment} of ${project}` : `every environment of ${project}`;

  const submit = () => {
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
      <FormDialog
        action={action}
        title={`Block deploys to ${target}?`}
        className="dialog-form"
        noValidate
        onSubmit={submit}
        confirmLabel="Block deploys"
        busyLabel="Blocking…"
        danger
      >
        <p className="hint">
          Nothing goes out to {environment ?? project} — scheduled, automatic or by hand — until the
          block is lifted or expires. You or a deployer can lift it.
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
      </FormDialog>
    </>
  );
}
