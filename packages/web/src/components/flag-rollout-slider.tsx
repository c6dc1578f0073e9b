import { useId, useState } from "react";
import { useUser } from "../app/session.js";
import {
  currentPercent,
  currentStickiness,
  type FlagEnvironment,
  stickinessChoices,
  stickinessLabel,
} from "../lib/flag-format.js";
import { useFlagStep } from "../lib/use-flags.js";

/**
 * The share of users (or customers, or sessions) that get the flag: a 0–100 slider, how the
 * share is kept sticky, and Apply. The parent keys it by the environment's last change, so it
 * starts from what the server has.
 */
export function FlagRolloutSlider(props: {
  project: string;
  flagKey: string;
  env: FlagEnvironment;
}) {
  const { project, flagKey, env } = props;
  const user = useUser();
  const step = useFlagStep(project, flagKey, env.environment);
  const [percent, setPercent] = useState(() => currentPercent(env));
  const [stickiness, setStickiness] = useState(() => currentStickiness(env));
  const sliderId = useId();
  const hintId = useId();
  // A killed flag is off whatever its share; the actions above say to turn it back on first.
  if (!user.can("deployer") || env.stage === "killed") return null;
  const unchanged = percent === currentPercent(env) && stickiness === currentStickiness(env);

  return (
    <form
      className="flag-rollout"
      aria-label={`Rollout of ${flagKey} in ${env.environment}`}
      onSubmit={(event) => {
        event.preventDefault();
        step.mutate({ step: "rollout", percent, stickiness });
      }}
    >
      <label htmlFor={sliderId} className="flag-rollout-label">
        Rollout
      </label>
      <input
        id={sliderId}
        type="range"
        min={0}
        max={100}
        step={1}
        value={percent}
        aria-valuetext={`${percent} %`}
        aria-describedby={hintId}
        onChange={(event) => setPercent(Number(event.target.value))}
      />
      <output htmlFor={sliderId} className="flag-rollout-value" data-testid="rollout-value">
        {percent} %
      </output>
      <label className="flag-rollout-sticky">
        Sticky by
        <select value={stickiness} onChange={(event) => setStickiness(event.target.value)}>
          {[...new Set([...stickinessChoices, currentStickiness(env)])].map((choice) => (
            <option key={choice} value={choice}>
              {stickinessLabel(choice)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="primary" disabled={unchanged || step.isPending}>
        {step.isPending ? "Applying…" : "Apply"}
      </button>
      <p className="hint flag-rollout-hint" id={hintId}>
        The same {stickiness === "default" ? "user" : stickiness} keeps getting the same answer as
        the share grows. 0 % removes the rollout rule (admins and customers keep it); 100 % by
        default releases it to everyone.
      </p>
      {step.isError && (
        <p className="notice notice-bad flag-rollout-hint" role="alert">
          {step.error.message}
        </p>
      )}
    </form>
  );
}
