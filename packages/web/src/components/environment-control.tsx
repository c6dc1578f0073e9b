import type { EnvironmentControl as Control, EnvironmentView } from "../api/answers.js";
import { useUser } from "../app/session.js";
import { approvalsLabel, hasApproved } from "../lib/control-format.js";
import { formatWhen } from "../lib/time.js";
import { ApproveButton } from "./approve-dialog.js";
import { BlockButton } from "./block-dialog.js";
import { Countdown, RelativeTime, useNow } from "./time.js";

/**
 * What stands between the candidate and production: every hold ("Waiting: …"), when the next
 * try is, the approvals so far. Anyone can block from here; deployers approve.
 */
export function EnvironmentControl({ project, env }: { project: string; env: EnvironmentView }) {
  return (
    <section className="env-control" aria-label="What holds the next deploy" data-testid="control">
      {env.control && <ControlState project={project} env={env} control={env.control} />}
      <div className="env-control-actions">
        <BlockButton project={project} environment={env.name} />
      </div>
    </section>
  );
}

function ControlState(props: { project: string; env: EnvironmentView; control: Control }) {
  const { project, env, control } = props;
  const { candidate, live } = env;
  const pending = candidate !== null && candidate.buildId !== live?.buildId;
  const { holds, nextTryAt } = control;
  return (
    <div className="env-control-state">
      {holds.length > 0 ? (
        <div className="notice notice-warn holds" data-testid="holds">
          <p className="holds-title">
            <strong>Waiting:</strong>
            {holds.length === 1 && <> {holds[0]}</>}
          </p>
          {holds.length > 1 && (
            <ul>
              {holds.map((hold) => (
                <li key={hold}>{hold}</li>
              ))}
            </ul>
          )}
          {nextTryAt !== null && <NextTry at={nextTryAt} timezone={control.timezone} />}
        </div>
      ) : (
        pending && (
          <p className="notice notice-good holds-clear">
            Nothing holds build #{candidate.buildId}
            {nextTryAt !== null ? (
              <>
                : it goes out <Countdown at={nextTryAt} />
              </>
            ) : (
              "."
            )}
          </p>
        )
      )}
      {control.approvals.required > 0 && (
        <Approvals project={project} env={env} approvals={control.approvals} />
      )}
    </div>
  );
}

/** "Next try in 3 h 05 min (tomorrow 22:00)", the environment's own clock on hover. */
function NextTry({ at, timezone }: { at: number; timezone: string }) {
  const now = useNow();
  return (
    <p className="next-try" title={`${formatWhen(at, now, timezone)} ${timezone}`}>
      Next try <Countdown at={at} /> ({formatWhen(at, now)})
    </p>
  );
}

/** "Approvals 1 of 2: ann (12 min ago)", and the Approve button for deployers who have not. */
function Approvals(props: {
  project: string;
  env: EnvironmentView;
  approvals: Control["approvals"];
}) {
  const { project, env, approvals } = props;
  const user = useUser();
  const { candidate } = env;
  const mine = hasApproved(approvals, user.username);
  return (
    <div className="approvals" data-testid="approvals">
      <p>
        <strong>{approvalsLabel(approvals)}</strong>:{" "}
        {approvals.given.length === 0 ? (
          <span className="muted">none yet</span>
        ) : (
          approvals.given.map((approval, index) => (
            <span key={`${approval.by}-${approval.at}`}>
              {index > 0 && ", "}
              {approval.by} (<RelativeTime at={approval.at} />)
            </span>
          ))
        )}
      </p>
      {user.can("deployer") &&
        candidate &&
        (mine ? (
          <p className="hint">You approved build #{candidate.buildId}.</p>
        ) : (
          <ApproveButton project={project} env={env} candidate={candidate} />
        ))}
    </div>
  );
}
