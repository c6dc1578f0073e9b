import { describe, expect, it } from "vitest";
import { formatProblem, parseConfig } from "./config-loader.js";

/** Problems of a weeknight.yml with a production environment and extra lines. */
function problems(...lines: string[]): string[] {
  const text = [
    "project: shop",
    "build:",
    "  stages:",
    "    - { name: test, run: 'true' }",
    ...lines,
  ].join("\n");
  const result = parseConfig(`${text}\n`);
  if (result.ok) throw new Error("expected the config to be rejected");
  return result.problems.map(formatProblem);
}

const production = [
  "environments:",
  "  production:",
  "    target: { type: command, deploy: 'true', rollback: 'true' }",
];

describe("risk rules and deploy policy in weeknight.yml", () => {
  it("accepts a worked risk policy", () => {
    const result = parseConfig(
      [
        "project: shop",
        "build: { stages: [{ name: test, run: 'true' }] }",
        "risk:",
        "  rules:",
        "    - { paths: ['src/billing/**'], level: high, reason: touches billing }",
        "    - { dependencies: true, level: medium }",
        ...production,
        "    deploy: { schedule: '0 22 * * 1-5', timezone: Europe/London }",
        "    windows: ['* 20-23 * * 1-5']",
        "    freezes: [{ name: Christmas, from: 2026-12-21, to: 2027-01-02 }]",
        "    backup: { sqlite: data/app.db }",
        "    policy:",
        "      high: { approvals: 1, canary: { traffic: 5, bake: 30m }, backup: true }",
        "    notice: { before: 6h }",
        "",
      ].join("\n"),
    );
    expect(result.ok).toBe(true);
  });

  it("refuses overlapping rules, invalid globs and unknown levels", () => {
    expect(
      problems(
        "risk:",
        "  rules:",
        "    - { paths: ['src/[a'], level: high }",
        "    - { paths: ['db/**'], level: high }",
        "    - { paths: ['db/**'], level: medium }",
        "    - { lines: 500, level: extreme }",
      ),
    ).toEqual([
      'weeknight.yml:7:17: risk.rules[0].paths[0]: invalid glob "src/[a": Missing closing: "]" - use "\\\\]" to match literal characters',
      "weeknight.yml:9:7: risk.rules[2]: overlaps risk.rules[1] (both match path db/**) — merge them into one rule",
      'weeknight.yml:10:28: risk.rules[3].level: unknown level "extreme" — levels: low, medium, high',
    ]);
  });

  it("refuses invalid windows, time zones and freezes", () => {
    expect(
      problems(
        ...production,
        "    timezone: Mars/Olympus",
        "    windows: ['* 25 * * *']",
        "    freezes: [{ name: Xmas, from: 2027-01-02, to: 2026-12-21 }, { name: Bad, from: 21/12, to: 2026-12-22 }]",
      ),
    ).toEqual([
      'weeknight.yml:8:15: environments.production.timezone: unknown time zone "Mars/Olympus" — use an IANA name such as Europe/London or UTC',
      expect.stringMatching(
        /^weeknight.yml:9:15: environments.production.windows\[0\]: invalid window "\* 25 \* \* \*": .* — e\.g\. "\* 20-23 \* \* 1-5"/,
      ),
      "weeknight.yml:10:51: environments.production.freezes[0].to: `to` is before `from`",
      'weeknight.yml:10:84: environments.production.freezes[1].from: invalid date "21/12" — use YYYY-MM-DD or YYYY-MM-DDTHH:MM (environment\'s time zone)',
    ]);
  });

  it("checks that policies name real levels and have the backup they require", () => {
    expect(
      problems(
        ...production,
        "    policy:",
        "      urgent: { approvals: 1 }",
        "      high: { backup: true }",
      ),
    ).toEqual([
      'weeknight.yml:9:15: environments.production.policy.urgent: unknown risk level "urgent" — levels: low, medium, high',
      "weeknight.yml:10:23: environments.production.policy.high.backup: high-risk changes need a backup, but production has no `backup:` — add one (see docs/backups.md)",
    ]);
  });
});
