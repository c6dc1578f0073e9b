import { useState } from "react";
import type { EnvironmentView } from "../api/answers.js";
import { api, unwrap } from "../api/client.js";
import { useControlChanged } from "../lib/use-blocks.js";
import { useDialogAction } from "./confirm-button.js";
import { FormDialog } from "./form-dialog.js";
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
  const action = useDialogAction();
  const changed = useControlChanged();
  const [comment, setComment] = useState("");
  const commits = env.waiting.length;

  const approve = () =>
    action.run(async () => {
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
          action.open();
        }}
      >
        Approve
      </button>
      <FormDialog
        action={action}
        title={`Approve build #${candidate.buildId} for ${env.name}?`}
        className="dialog-form"
        onSubmit={() => void approve()}
        confirmLabel="Approve"
        busyLabel="Approving…"
      >
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
      </FormDialog>
    </>
  );
}
