import type { DeploymentView } from "../api/answers.js";
import { buildTimeline, type StepState, type TimelineItem } from "../lib/deployment-steps.js";
import { formatDuration, formatTimestamp } from "../lib/time.js";
import { useNow } from "./time.js";

const stateWords: Record<StepState, string> = {
  done: "done",
  active: "in progress",
  problem: "went wrong",
  upcoming: "not reached yet",
};

/** The deployment's steps as a vertical stepper; the one in progress ticks its duration. */
export function DeploymentTimeline({ deployment }: { deployment: DeploymentView }) {
  const now = useNow();
  const items = buildTimeline(deployment.steps, now);
  return (
    <ol
      className="stepper"
      data-testid="deployment-timeline"
      aria-label={`Steps of deployment #${deployment.id}`}
    >
      {items.map((item, index) => (
        <Step key={`${item.step}-${item.at ?? `next-${index}`}`} item={item} />
      ))}
    </ol>
  );
}

function Step({ item }: { item: TimelineItem }) {
  // Steps not reached yet carry no data-step, so a test waiting for a step never matches a placeholder.
  const reached = item.state !== "upcoming";
  return (
    <li
      className={`step step-${item.state}`}
      data-step={reached ? item.step : undefined}
      data-upcoming-step={reached ? undefined : item.step}
      aria-current={item.state === "active" ? "step" : undefined}
    >
      <span className="step-marker" aria-hidden="true" />
      <div className="step-body">
        <div className="step-head">
          <span className="step-name">{item.label}</span>
          <span className="visually-hidden">, {stateWords[item.state]}</span>
          {item.at !== null && (
            <time
              className="step-time muted"
              dateTime={new Date(item.at).toISOString()}
              title={formatTimestamp(item.at)}
            >
              {new Date(item.at).toLocaleTimeString(undefined, {
                hour: "2-digit",
                minute: "2-digit",
                second: "2-digit",
              })}
            </time>
          )}
          {item.durationMs !== null && (
            <span className="step-duration muted">{formatDuration(item.durationMs)}</span>
          )}
        </div>
        {item.detail && <p className="step-detail">{item.detail}</p>}
      </div>
    </li>
  );
}
