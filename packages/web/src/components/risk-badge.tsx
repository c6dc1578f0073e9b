import type { Risk } from "../api/answers.js";
import { riskLabel, riskTone } from "../lib/control-format.js";

/** "high risk", green for the lowest level, red for the highest, amber between. */
export function RiskBadge({ risk }: { risk: Pick<Risk, "level" | "levels"> }) {
  return (
    <span
      className={`chip chip-${riskTone(risk.level, risk.levels)} risk-badge`}
      data-testid="risk"
    >
      {riskLabel(risk.level)}
    </span>
  );
}

/** Why the change has its level, highest reasons first (as the server sorts them). */
export function RiskReasons({ risk }: { risk: Risk }) {
  if (risk.reasons.length === 0) {
    return <p className="hint">No risk rule matched this change.</p>;
  }
  return (
    <ul className="risk-reasons" data-testid="risk-reasons">
      {risk.reasons.map((reason) => (
        <li key={`${reason.level}:${reason.text}`}>
          <RiskBadge risk={{ level: reason.level, levels: risk.levels }} /> {reason.text}
        </li>
      ))}
    </ul>
  );
}

/** The badge, with its reasons behind a disclosure: for the overview's small cells. */
export function RiskDisclosure({ risk }: { risk: Risk }) {
  if (risk.reasons.length === 0) return <RiskBadge risk={risk} />;
  const count = risk.reasons.length;
  return (
    <details className="risk-disclosure">
      <summary>
        <RiskBadge risk={risk} />{" "}
        <span className="muted">
          {count} reason{count === 1 ? "" : "s"}
        </span>
      </summary>
      <RiskReasons risk={risk} />
    </details>
  );
}
