import { describe, expect, it } from "vitest";
import { formatProblem, parseConfig } from "./config-loader.js";

const base = ["project: app", "build:", "  stages:", "    - name: unit", '      run: "true"'];
const problems = (...lines: string[]) => {
  const result = parseConfig([...base, ...lines].join("\n"));
  return result.ok ? [] : result.problems.map(formatProblem);
};

describe("environments in weeknight.yml", () => {
  it("reads an internal environment that takes every green build and a scheduled production", () => {
    const result = parseConfig(
      [
        ...base,
        "environments:",
        "  internal:",
        "    deploy: on-green",
        "    target: { type: process, start: node src/main.js, port: 8081 }",
        "  production:",
        '    deploy: { schedule: "0 22 * * 1-5", timezone: Europe/London }',
        "    requires: [internal]",
        "    target: { type: command, deploy: ./deploy.sh, rollback: ./rollback.sh }",
        "    canary: { traffic: 5 }",
      ].join("\n"),
    );
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join("\n"));
    const { internal, production } = result.config.environments;
    expect(internal?.deploy).toBe("on-green");
    expect(internal?.health).toEqual({ path: "/health", timeout: 30_000 });
    expect(internal?.canary).toEqual({ traffic: 10, bake: 60_000 });
    expect(internal?.rollback_window).toBe(1_800_000);
    expect(production?.deploy).toEqual({ schedule: "0 22 * * 1-5", timezone: "Europe/London" });
    expect(production?.requires).toEqual(["internal"]);
    expect(production?.canary.traffic).toBe(5);
  });

  it("names an unknown required environment and the ones that exist", () => {
    expect(
      problems(
        "environments:",
        "  production:",
        "    requires: [staging]",
        "    target: { type: command, deploy: ./d.sh, rollback: ./r.sh }",
      ),
    ).toEqual([
      'weeknight.yml:8:16: environments.production.requires[0]: unknown environment "staging" — defined: production',
    ]);
  });

  it("checks each target type's own settings, with did-you-mean", () => {
    expect(
      problems(
        "environments:",
        "  internal:",
        "    target: { type: command, deploy: ./d.sh, rollbak: ./r.sh }",
      ),
    ).toEqual([
      "weeknight.yml:8:13: environments.internal.target.rollback: required",
      'weeknight.yml:8:46: environments.internal.target.rollbak: unknown key "rollbak" — did you mean "rollback"?',
    ]);
  });
});
