import { useId, useState } from "react";
import type { EnvironmentView } from "../api/answers.js";
import { api, unwrap } from "../api/client.js";
import { useControlChanged } from "../lib/use-blocks.js";
import { useDialogAction } from "./confirm-button.js";
import { RiskBadge } from "./risk-badge.js";

/**
 * "Approve" the candidate, with an optional comment. The server refuses an approver who wrote a
 * commit in the change; its sentence shows in the dialog.
 */
export function ApproveButton(props: {
  project: string;
  env: EnvironmentView;
  candidate: NonNullable<EnvironmentView["candidate"]>;
}) {
  const { project, env, candidate } = props;
  const { dialog, busy, error, open, close, run } = useDialogAction();
  const changed = useControlChanged();
  const id = useId();
  const [comment, setComment] = useState("");
  const commits = env.waiting.length;

  const approve = () =>
    run(async () => {
      await unwrap(
        api.POST("/api/v1/projects/{name}/environments/{env}/approve", {
          params: { path: { name: project, env: env.name } },
          body: {
            build: candidate.buildId,
            ...(comment.trim() ? { comment: comment.trim() } : {}),
          },
        }),
      );
      await changed(project);
    });

  return (
    <>
      <button
        type="button"
        className="primary"
        onClick={() => {
          setComment("");
          open();
        }}
      >
        Approve
      </button>
      <dialog ref={dialog} aria-labelledby={`${id}-title`}>
        <form
          className="dialog-form"
          onSubmit={(event) => {
            event.preventDefault();
            void approve();
          }}
        >
          <h2 id={`${id}-title`}>
            Approve build #{candidate.buildId} for {env.name}?
          </h2>
          <p>
            {env.control?.risk && (
              <>
                <RiskBadge risk={env.control.risk} />{" "}
              </>
            )}
            Build #{candidate.buildId} ({candidate.sha.slice(0, 7)}, {candidate.message})
            {commits > 0 && `, shipping ${commits} commit${commits === 1 ? "" : "s"}`}. You say you
            reviewed it; someone who wrote one of its commits cannot approve it.
          </p>
          <label>
            Comment (optional)
            <textarea
              name="comment"
              rows={2}
              value={comment}
              onChange={(event) => setComment(event.target.value)}
              placeholder="checked the migration on a copy of production"
            />
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
            <button type="submit" className="primary" disabled={busy}>
              {busy ? "Approving…" : "Approve"}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
