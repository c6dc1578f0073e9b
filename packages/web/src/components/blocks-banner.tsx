import { useState } from "react";
import { Link } from "react-router";
import type { Block } from "../api/answers.js";
import { api, unwrap } from "../api/client.js";
import { useUser } from "../app/session.js";
import { blockTarget, mayLift, sortBlocks } from "../lib/blocks.js";
import { environmentPath, projectPath } from "../lib/builds-overview.js";
import { formatWhen } from "../lib/time.js";
import { useActiveBlocks, useControlChanged } from "../lib/use-blocks.js";
import { useDialogAction } from "./confirm-button.js";
import { FormDialog } from "./form-dialog.js";
import { StopIcon } from "./stop-icon.js";
import { RelativeTime, useNow } from "./time.js";

/** Under the header of every page: each block in force, and a Lift button for who may lift it. */
export function BlocksBanner() {
  const blocks = useActiveBlocks();
  const now = useNow();
  // One that expired since the last fetch is over already; the next fetch drops it too.
  const active = sortBlocks(blocks.data ?? []).filter(
    (block) => block.expiresAt === null || block.expiresAt > now,
  );
  if (active.length === 0) return null;
  return (
    <section className="blocks-banner" aria-label="Blocked deploys" data-testid="blocks-banner">
      <ul>
        {active.map((block) => (
          <BlockLine key={block.id} block={block} now={now} />
        ))}
      </ul>
    </section>
  );
}

function BlockLine({ block, now }: { block: Block; now: number }) {
  const user = useUser();
  const to = block.environment
    ? environmentPath(block.project, block.environment)
    : projectPath(block.project);
  return (
    <li data-testid={`block-${block.id}`} className={`block-line block-${block.kind}`}>
      <span className="block-text">
        <StopIcon />{" "}
        <Link className="block-link" to={to}>
          {blockTarget(block)}
        </Link>{" "}
        {block.kind === "rollback" ? (
          <>blocked after an automatic rollback — confirm the fix to lift: </>
        ) : (
          <>
            blocked by {block.createdBy} <RelativeTime at={block.createdAt} />:{" "}
          </>
        )}
        <span className="block-reason">{block.reason}</span>
        {block.expiresAt !== null && (
          <span className="block-until"> (until {formatWhen(block.expiresAt, now)})</span>
        )}
      </span>
      {mayLift(block, user) && <LiftButton block={block} />}
    </li>
  );
}

/** "Lift", asking first; the reason is optional and goes to the audit log. */
function LiftButton({ block }: { block: Block }) {
  const action = useDialogAction();
  const changed = useControlChanged();
  const [reason, setReason] = useState("");
  const rollback = block.kind === "rollback";
  const lift = () =>
    action.run(async () => {
      await unwrap(
        api.POST("/api/v1/blocks/{id}/lift", {
          params: { path: { id: block.id } },
          body: reason.trim() ? { reason: reason.trim() } : {},
        }),
      );
      await changed(block.project);
    });

  return (
    <>
      <button
        type="button"
        className="lift-button"
        aria-label={`Lift the block on ${blockTarget(block)}`}
        onClick={() => {
          setReason("");
          action.open();
        }}
      >
        Lift
      </button>
      <FormDialog
        action={action}
        title={`${rollback ? "Confirm the fix and lift" : "Lift"} the block on ${blockTarget(block)}?`}
        className="dialog-form"
        onSubmit={() => void lift()}
        confirmLabel="Lift the block"
        busyLabel="Lifting…"
      >
        <p>
          {rollback ? "Weeknight" : block.createdBy} blocked it: <em>{block.reason}</em>. Deploys
          resume with the next run once nothing else holds them.
        </p>
        <label>
          {rollback ? "What fixed it (optional)" : "Why lift it (optional)"}
          <input
            name="reason"
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            placeholder={rollback ? "build #42 fixes the cache" : "errors are gone"}
          />
        </label>
      </FormDialog>
    </>
  );
}
