import { describe, expect, it } from "vitest";
import { formatProblem, parseConfig } from "./config-loader.js";
import { NOTIFY_EVENTS } from "./config-schema.js";
import { DEFAULT_LEVELS, DEFAULT_RISK_RULES } from "./risk-schema.js";

/** Joins lines so test files read like the weeknight.yml they stand for. */
function yaml(...lines: string[]): string {
  return `${lines.join("\n")}\n`;
}

function problems(text: string, file?: string): string[] {
  const result = parseConfig(text, file);
  if (result.ok) throw new Error("expected the config to be rejected");
  return result.problems.map(formatProblem);
}

const STAGES = ["build:", "  stages:", "    - name: unit", "      run: npm test"];

describe("parseConfig: valid files", () => {
  it("parses a full config and applies defaults", () => {
    const result = parseConfig(
      yaml(
        "project: sample-app",
        "build:",
        "  env: { NODE_ENV: test }",
        "  stages:",
        "    - name: unit",
        "      run: npm test",
        "      timeout: 10m",
        "    - name: lint",
        "      run: npm run lint",
        "notify:",
        "  - type: slack",
        `    url: \${SLACK_WEBHOOK_URL}`,
        "  - type: webhook",
        "    url: https://example.com/hook",
        "    events: [build.failed]",
      ),
    );
    expect(result).toEqual({
      ok: true,
      config: {
        project: "sample-app",
        build: {
          timeout: 1_800_000,
          env: { NODE_ENV: "test" },
          stages: [
            { name: "unit", run: "npm test", timeout: 600_000, env: {} },
            { name: "lint", run: "npm run lint", env: {} },
          ],
          artifact: { paths: ["."], exclude: [".git"] },
        },
        environments: {},
        risk: { levels: DEFAULT_LEVELS, rules: DEFAULT_RISK_RULES },
        notify: [
          { type: "slack", url: `\${SLACK_WEBHOOK_URL}`, events: [...NOTIFY_EVENTS] },
          { type: "webhook", url: "https://example.com/hook", events: ["build.failed"] },
        ],
      },
    });
  });

  it("follows YAML anchors", () => {
    const result = parseConfig(
      yaml(
        "project: app",
        "build:",
        "  env: &shared { CI: 'true' }",
        "  stages:",
        "    - { name: unit, run: npm test, env: *shared }",
      ),
    );
    expect(result.ok && result.config.build.stages[0]?.env).toEqual({ CI: "true" });
  });
});

describe("parseConfig: problems", () => {
  it("formats a wrong type exactly, at the value", () => {
    expect(
      problems(
        yaml("project: sample-app", "build:", "  stages:", "    - name: unit", "      run: 5"),
      ),
    ).toEqual(["weeknight.yml:5:12: build.stages[0].run: expected a string, got a number"]);
  });

  it("formats an unknown key exactly, at the key, with the file name given", () => {
    expect(problems(yaml("project: app", "build:", "  stage: []"), "ci/weeknight.yml")).toEqual([
      "ci/weeknight.yml:3:3: build.stages: required",
      'ci/weeknight.yml:3:3: build.stage: unknown key "stage" — did you mean "stages"?',
    ]);
  });

  it("reports YAML syntax errors with the parser's line and column", () => {
    expect(problems(yaml("project: app", "build:", "\tstages: []"))).toEqual([
      "weeknight.yml:3:1: (root): invalid YAML: Tabs are not allowed as indentation",
    ]);
    expect(problems(yaml("project: app: x"))).toEqual([
      "weeknight.yml:1:10: (root): invalid YAML: Nested mappings are not allowed in compact mappings",
    ]);
  });

  it("reports every YAML syntax error, in order", () => {
    expect(problems(yaml("project: app", "build: {stages: [}"))).toEqual([
      "weeknight.yml:2:18: (root): invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]",
      "weeknight.yml:2:19: (root): invalid YAML: Flow map in block collection must be sufficiently indented and end with a }",
    ]);
  });

  it("reports duplicate keys as a YAML problem", () => {
    expect(problems(yaml("project: a", "project: b", ...STAGES))).toEqual([
      "weeknight.yml:2:1: (root): invalid YAML: Map keys must be unique",
    ]);
  });

  it.each([[""], ["\n\n"], ["# just a comment\n"]])(
    "explains what an empty file needs (%j)",
    (text) => {
      const [only, ...rest] = problems(text);
      expect(rest).toEqual([]);
      expect(only).toMatch(/^weeknight\.yml:1:1: \(root\): the file is empty — .*project: my-app/);
    },
  );

  it("says which kind of value was expected and which was found", () => {
    expect(problems(yaml("project: app", "build:", "  stages: {}"))).toEqual([
      "weeknight.yml:3:11: build.stages: expected a list, got a map (key: value)",
    ]);
  });

  it("points missing required keys at the map they belong in", () => {
    expect(problems(yaml("notify: []", "build:", "  timeout: 5m"))).toEqual([
      "weeknight.yml:1:1: project: required",
      "weeknight.yml:3:3: build.stages: required",
    ]);
  });

  it("suggests known keys for typos at every depth", () => {
    expect(
      problems(
        yaml(
          "projekt: app",
          "build:",
          "  timout: 10m",
          "  stages:",
          "    - name: unit",
          "      runn: npm test",
          "  artifact:",
          "    exclud: [dist]",
          "notify:",
          "  - type: webhook",
          "    url: https://example.com",
          "    evnts: [build.fixed]",
        ),
      ),
    ).toEqual([
      "weeknight.yml:1:1: project: required",
      'weeknight.yml:1:1: projekt: unknown key "projekt" — did you mean "project"?',
      'weeknight.yml:3:3: build.timout: unknown key "timout" — did you mean "timeout"?',
      "weeknight.yml:5:7: build.stages[0].run: required",
      'weeknight.yml:6:7: build.stages[0].runn: unknown key "runn" — did you mean "run"?',
      'weeknight.yml:8:5: build.artifact.exclud: unknown key "exclud" — did you mean "exclude"?',
      'weeknight.yml:12:5: notify[0].evnts: unknown key "evnts" — did you mean "events"?',
    ]);
  });

  it("says where a key written at the wrong level belongs", () => {
    expect(problems(yaml("project: app", "timeout: 5m", "stage: x", ...STAGES))).toEqual([
      'weeknight.yml:2:1: timeout: unknown key "timeout" — did you mean to put it under "build"?',
      'weeknight.yml:3:1: stage: unknown key "stage" — did you mean "stages" under "build"?',
    ]);
  });

  it("lists the known keys when nothing is close", () => {
    expect(problems(yaml("project: app", "colour: blue", ...STAGES))).toEqual([
      'weeknight.yml:2:1: colour: unknown key "colour" (known keys here: project, build, notify, risk, environments, changelog)',
    ]);
  });

  it("reports every duplicate stage name at the repeated name", () => {
    expect(
      problems(
        yaml(
          "project: app",
          "build:",
          "  stages:",
          "    - { name: unit, run: npm test }",
          "    - { name: unit, run: 7 }",
          "    - { name: unit, run: npm test }",
        ),
      ),
    ).toEqual([
      'weeknight.yml:5:15: build.stages[1].name: duplicate stage name "unit" (also used by build.stages[0])',
      "weeknight.yml:5:26: build.stages[1].run: expected a string, got a number",
      'weeknight.yml:6:15: build.stages[2].name: duplicate stage name "unit" (also used by build.stages[0])',
    ]);
  });

  it("explains bad durations and bad names", () => {
    expect(
      problems(
        yaml(
          "project: My App",
          "build:",
          "  timeout: 10 minutes",
          "  stages:",
          "    - name: unit tests",
          "      run: npm test",
          "      timeout: yes",
        ),
      ),
    ).toEqual([
      'weeknight.yml:1:10: project: invalid project name "My App" — use lower-case letters, digits and "-" (e.g. my-app), at most 63 characters',
      'weeknight.yml:3:12: build.timeout: invalid duration "10 minutes" — use e.g. 30s, 10m, 2h',
      'weeknight.yml:5:13: build.stages[0].name: invalid stage name "unit tests" — use letters, digits, ".", "_" and "-"',
      'weeknight.yml:7:16: build.stages[0].timeout: invalid duration "yes" — use e.g. 30s, 10m, 2h',
    ]);
  });

  it("keeps artifact paths relative and inside the workspace", () => {
    expect(
      problems(
        yaml("project: app", ...STAGES, "  artifact:", "    paths: [dist, /srv/app, ../shared]"),
      ),
    ).toEqual([
      'weeknight.yml:7:19: build.artifact.paths[1]: path "/srv/app" must be relative to the workspace, not absolute',
      'weeknight.yml:7:29: build.artifact.paths[2]: path "../shared" must stay inside the workspace (no "..")',
    ]);
  });

  it("lists the allowed notifier types and checks emails and events", () => {
    expect(
      problems(
        yaml(
          "project: app",
          ...STAGES,
          "notify:",
          "  - type: sms",
          "    to: '+15550100'",
          "  - type: email",
          "    to: [team@example.com, not-an-email]",
          "    events: [build.broken]",
          "  - url: https://example.com",
        ),
      ),
    ).toEqual([
      'weeknight.yml:7:11: notify[0].type: unknown type "sms" (use one of: slack, webhook, email)',
      'weeknight.yml:10:28: notify[1].to[1]: invalid email address "not-an-email"',
      'weeknight.yml:11:14: notify[1].events[0]: invalid value "build.broken" — use one of: build.failed, build.fixed, deploy.started, deploy.succeeded, deploy.failed, deploy.rolled-back, release.crashed, alert.firing, alert.resolved, deploy.notice, deploy.summary, block.placed, block.lifted, flag.stale, flag.ramp-paused, changelog.published, announcement.published',
      "weeknight.yml:12:5: notify[2].type: required — one of: slack, webhook, email",
    ]);
  });

  it("asks for string env values instead of guessing", () => {
    expect(problems(yaml("project: app", ...STAGES, "  env:", "    PORT: 3000"))).toEqual([
      'weeknight.yml:7:11: build.env.PORT: expected a string, got a number — quote it, e.g. "3000"',
    ]);
  });

  it("describes a root that is not a map", () => {
    expect(problems(yaml("- project: app"))).toEqual([
      "weeknight.yml:1:1: (root): expected a map (key: value), got a list",
    ]);
  });
});
