import { useMutation } from "@tanstack/react-query";
import { api, unwrap } from "../api/client.js";
import { useUser } from "../app/session.js";
import { type FlagEnvironment, type FlagRamp, stickinessLabel } from "../lib/flag-format.js";
import { formatTimestamp, formatWhen } from "../lib/time.js";
import { useFlagChanged } from "../lib/use-flags.js";
import { ConfirmButton } from "./confirm-button.js";
import { FlagRampForm } from "./flag-ramp-form.js";
import { RelativeTime, useNow } from "./time.js";

/**
 * A scheduled rollout: each step with ✓ once applied, paused while an alert fires (with why and
 * Resume), Cancel; deployers plan or change it below.
 */
export function FlagRampSection(props: { project: string; flagKey: string; env: FlagEnvironment }) {
  const { project, flagKey, env } = props;
  const user = useUser();
  const { ramp } = env;
  return (
    <section className="flag-ramp" aria-labelledby={`ramp-${env.environment}`}>
      <h3 id={`ramp-${env.environment}`}>Ramp</h3>
      {ramp ? (
        <RampSteps project={project} flagKey={flagKey} env={env} ramp={ramp} />
      ) : (
        <p className="muted">
          No ramp scheduled. A ramp raises the rollout step by step at the times you pick, and
          pauses by itself while an alert fires in {env.environment}.
        </p>
      )}
      {user.can("deployer") && env.stage !== "killed" && (
        <FlagRampForm
          key={`${env.environment}-${env.updatedAt ?? 0}`}
          project={project}
          flagKey={flagKey}
          env={env}
        />
      )}
    </section>
  );
}

function RampSteps(props: {
  project: string;
  flagKey: string;
  env: FlagEnvironment;
  ramp: FlagRamp;
}) {
  const { project, flagKey, env, ramp } = props;
  const user = useUser();
  const now = useNow();
  const changed = useFlagChanged(project);
  const params = { path: { name: project, key: flagKey, environment: env.environment } };
  const path = "/api/v1/projects/{name}/flags/{key}/environments/{environment}/ramp" as const;
  const resume = useMutation({
    mutationFn: () => unwrap(api.POST(`${path}/resume`, { params })),
    onSuccess: changed,
  });
  const deployer = user.can("deployer");
  return (
    <>
      {ramp.pausedAt !== null && (
        <div className="notice notice-warn" data-testid="ramp-paused">
          <p>
            <strong>Paused at {env.percent ?? 0} %</strong> <RelativeTime at={ramp.pausedAt} />:{" "}
            {ramp.pausedReason ?? "no reason given"}. No step is applied until someone resumes it.
          </p>
          {deployer && (
            <button type="button" disabled={resume.isPending} onClick={() => resume.mutate()}>
              {resume.isPending ? "Resuming…" : "Resume"}
            </button>
          )}
          {resume.isError && (
            <p className="bad-text" role="alert">
              {resume.error.message}
            </p>
          )}
        </div>
      )}
      <ol className="flag-ramp-steps" data-testid="ramp-steps">
        {ramp.steps.map((step) => (
          <li key={step.at} className="flag-ramp-step">
            <span className="flag-ramp-percent">{step.percent} %</span>{" "}
            <time dateTime={new Date(step.at).toISOString()} title={formatTimestamp(step.at)}>
              {formatWhen(step.at, now)}
            </time>{" "}
            {step.appliedAt === null ? (
              <span className="chip chip-idle">pending</span>
            ) : (
              <span className="chip chip-good">
                <span aria-hidden="true">✓ </span>applied
              </span>
            )}
          </li>
        ))}
      </ol>
      <p className="hint">
        Sticky by {stickinessLabel(ramp.stickiness)}; planned by {ramp.createdBy}.
      </p>
      {deployer && (
        <ConfirmButton
          label="Cancel ramp"
          title={`Cancel the ramp of ${flagKey} in ${env.environment}?`}
          confirmLabel="Drop the pending steps"
          danger
          onConfirm={async () => changed(await unwrap(api.DELETE(path, { params })))}
        >
          <p>
            The pending steps are dropped; the rollout stays at {env.percent ?? 0} % until someone
            changes it.
          </p>
        </ConfirmButton>
      )}
    </>
  );
}
