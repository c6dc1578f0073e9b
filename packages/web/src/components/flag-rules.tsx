import { describeRules, type FlagEnvironment } from "../lib/flag-format.js";

/** The environment's rules in words, in the order they are tried: the first that matches wins. */
export function FlagRules({ env }: { env: FlagEnvironment }) {
  const rules = describeRules(env);
  return (
    <div className="flag-rules">
      <h3>Rules</h3>
      {!env.enabled && (
        <p className="notice notice-bad">
          <strong>Killed:</strong> off for everyone, whatever these rules say.
        </p>
      )}
      {rules.length === 0 ? (
        <p className="muted">No rules: off for everyone.</p>
      ) : (
        <ol className="flag-rule-list" data-testid="flag-rules">
          {rules.map((rule) => (
            <li key={rule.position}>
              <strong>{rule.name}</strong>: <span className="flag-rule-text">{rule.text}</span>
            </li>
          ))}
        </ol>
      )}
      {env.variants.length > 0 && (
        <p className="hint">
          Variants:{" "}
          {env.variants.map((variant) => `${variant.name} (${variant.weight})`).join(", ")}
        </p>
      )}
    </div>
  );
}
