import { type Context, compileFlags, type Flag, type Segment } from "@weeknight/flags-sdk";
import type { Evaluation } from "./flag-schema.js";

/**
 * "Who gets it": evaluates one flag for one context the way SDKs do, and says why, rule by
 * rule. A preview, not the hot path: it compiles the flag once per rule.
 */
export function explainFlag(flag: Flag, segments: Segment[], context: Context): Evaluation {
  const decide = (candidate: Flag) =>
    compileFlags({ version: "preview", flags: [candidate], segments }).isEnabled(flag.key, context);
  const whole = compileFlags({ version: "preview", flags: [flag], segments });
  const enabled = whole.isEnabled(flag.key, context);
  const { name, enabled: variantOn, payload } = whole.getVariant(flag.key, context);
  const rules = flag.rules.map((rule, index) => {
    const matches = decide({ ...flag, enabled: true, rules: [{ ...rule, rollout: 100 }] });
    return {
      name: rule.name ?? `rule ${index + 1}`,
      matches,
      inRollout: matches && decide({ ...flag, enabled: true, rules: [rule] }),
    };
  });
  const first = rules.find((r) => r.inRollout);
  const reason = !flag.enabled
    ? "killed: off for everyone"
    : flag.rules.length === 0
      ? "no rules: off for everyone"
      : first
        ? `on: rule "${first.name}" matches`
        : rules.some((r) => r.matches)
          ? `off: rule "${rules.find((r) => r.matches)?.name}" matches but the context is outside its rollout`
          : "off: no rule matches";
  return {
    enabled,
    variant: { name, enabled: variantOn, ...(payload && { payload }) },
    reason,
    rules,
  };
}
