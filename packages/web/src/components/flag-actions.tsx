import { useState } from "react";
import { useUser } from "../app/session.js";
import { describeRules, type FlagEnvironment } from "../lib/flag-format.js";
import { postStep, useFlagChanged, useFlagStep } from "../lib/use-flags.js";
import { ConfirmButton } from "./confirm-button.js";
import { FlagCustomersButton } from "./flag-customers-dialog.js";

/**
 * The lifecycle as buttons, for deployers: admins only → customers → (the slider) → everyone,
 * and the red Kill that turns it off at once (or Turn back on after a kill).
 */
export function FlagActions(props: { project: string; flagKey: string; env: FlagEnvironment }) {
  const { project, flagKey, env } = props;
  const user = useUser();
  const step = useFlagStep(project, flagKey, env.environment);
  if (!user.can("deployer")) return null;
  const killed = env.stage === "killed";
  return (
    <div className="flag-actions">
      <fieldset className="toolbar flag-steps">
        <legend className="visually-hidden">
          Change {flagKey} in {env.environment}
        </legend>
        <button
          type="button"
          disabled={killed || step.isPending || env.stage === "admins"}
          onClick={() => step.mutate({ step: "admins" })}
        >
          Admins only
        </button>
        <FlagCustomersButton project={project} flagKey={flagKey} env={env} disabled={killed} />
        <ReleaseButton project={project} flagKey={flagKey} env={env} disabled={killed} />
        {killed ? (
          <EnableButton project={project} flagKey={flagKey} env={env} />
        ) : (
          <KillButton project={project} flagKey={flagKey} env={env} />
        )}
      </fieldset>
      {killed && (
        <p className="hint">
          Turn it back on before changing who gets it: a kill overrides every rule.
        </p>
      )}
      {step.isError && (
        <p className="notice notice-bad" role="alert">
          {step.error.message}
        </p>
      )}
    </div>
  );
}

type StepProps = { project: string; flagKey: string; env: FlagEnvironment };

function ReleaseButton(props: StepProps & { disabled: boolean }) {
  const { project, flagKey, env } = props;
  const changed = useFlagChanged(project);
  return (
    <ConfirmButton
      label="Release to everyone"
      title={`Release ${flagKey} to everyone in ${env.environment}?`}
      confirmLabel="Release"
      disabled={props.disabled || env.stage === "released"}
      onConfirm={async () =>
        changed(await postStep(project, flagKey, env.environment, { step: "release" }))
      }
    >
      <p>
        Every user in {env.environment} gets it at once; its rules and any scheduled ramp give way
        to one rule: everyone.
      </p>
    </ConfirmButton>
  );
}

function KillButton({ project, flagKey, env }: StepProps) {
  const changed = useFlagChanged(project);
  const [reason, setReason] = useState("");
  return (
    <ConfirmButton
      label="Kill"
      title={`Kill ${flagKey} in ${env.environment}?`}
      confirmLabel="Kill it"
      danger
      onConfirm={async () => {
        const why = reason.trim();
        const flag = await postStep(project, flagKey, env.environment, {
          step: "kill",
          ...(why ? { reason: why } : {}),
        });
        setReason("");
        await changed(flag);
      }}
    >
      <div className="dialog-form">
        <p>
          It turns off for everyone in {env.environment} at once, whatever its rules say. The rules
          stay, so Turn back on restores them.
        </p>
        <label>
          Reason (optional)
          <textarea
            rows={2}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            placeholder="checkout errors since 14:05"
          />
        </label>
      </div>
    </ConfirmButton>
  );
}

function EnableButton({ project, flagKey, env }: StepProps) {
  const changed = useFlagChanged(project);
  const rules = describeRules(env);
  return (
    <ConfirmButton
      label="Turn back on"
      title={`Turn ${flagKey} back on in ${env.environment}?`}
      confirmLabel="Turn back on"
      onConfirm={async () =>
        changed(await postStep(project, flagKey, env.environment, { step: "enable" }))
      }
    >
      {rules.length === 0 ? (
        <p>It has no rules: it stays off for everyone until you turn it on for someone.</p>
      ) : (
        <>
          <p>Its rules decide again:</p>
          <ul>
            {rules.map((rule) => (
              <li key={rule.position}>
                <strong>{rule.name}</strong>: {rule.text}
              </li>
            ))}
          </ul>
        </>
      )}
    </ConfirmButton>
  );
}
