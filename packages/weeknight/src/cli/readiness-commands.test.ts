import { describe, expect, it } from "vitest";
import { checkReadiness } from "../readiness/readiness-checks.js";
import { readyFacts } from "../readiness/test-support/readiness-fixture.js";
import { colorsFor } from "./output.js";
import { formatReadiness } from "./readiness-commands.js";

const plain = colorsFor({ write: () => true }, {});

function report(facts = readyFacts()) {
  return { project: "shop", computedAt: facts.now, configBuildId: 9, ...checkReadiness(facts) };
}

describe("formatReadiness", () => {
  it("says when every prerequisite is met", () => {
    const lines = formatReadiness(report(), plain);
    expect(lines[0]).toBe("shop: Continuous deployment (continuous-deployment)");
    expect(lines.at(-1)).toBe("Every prerequisite is met: continuous deployment.");
    expect(lines.filter((line) => line.startsWith("  ✓ "))).toHaveLength(13);
  });

  it("marks partly met items ~ and names what the next level needs", () => {
    const facts = readyFacts({
      lastRollback: null,
      project: { ...readyFacts().project, pollIntervalMs: 0 },
    });
    facts.builds = facts.builds.map((b) => ({ ...b, trigger: "manual:ann" }));
    const lines = formatReadiness(report(facts), plain);
    expect(lines[0]).toBe("shop: no level reached yet");
    expect(lines).toContain(
      "  ~ A failed deployment rolls back by itself, and rollback has been used",
    );
    expect(lines.at(-1)).toBe("next level: Continuous integration (ci) needs ~ build-every-commit");
  });
});
