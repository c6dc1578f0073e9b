import { describe, expect, it } from "vitest";
import { NOTIFY_EVENTS, parseDuration, weeknightConfigSchema } from "./config-schema.js";
import { DEFAULT_LEVELS, DEFAULT_RISK_RULES } from "./risk-schema.js";

const minimal = { project: "sample-app", build: { stages: [{ name: "unit", run: "npm test" }] } };

function messagesFor(input: unknown): string[] {
  const result = weeknightConfigSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

function withArtifact(artifact: unknown) {
  return { ...minimal, build: { ...minimal.build, artifact } };
}

describe("parseDuration", () => {
  it.each([
    ["500ms", 500],
    ["30s", 30_000],
    ["10m", 600_000],
    ["2h", 7_200_000],
    [90, 90_000],
    [1.5, 1_500],
  ])("reads %j as %i ms", (input, ms) => {
    expect(parseDuration(input)).toBe(ms);
  });

  it.each(["10 minutes", "10", "1d", "", "-5s", "m"])(
    "rejects %j and shows the accepted forms",
    (input) => {
      expect(() => parseDuration(input)).toThrow(
        `invalid duration "${input}" — use e.g. 30s, 10m, 2h`,
      );
    },
  );

  it("rejects zero and negative durations", () => {
    expect(() => parseDuration("0s")).toThrow(/must be longer than 0/);
    expect(() => parseDuration(0)).toThrow(/positive number of seconds/);
    expect(() => parseDuration(-3)).toThrow(/positive number of seconds/);
  });
});

describe("weeknightConfigSchema", () => {
  it("fills in every default around the two required settings", () => {
    expect(weeknightConfigSchema.parse(minimal)).toEqual({
      project: "sample-app",
      build: {
        timeout: 1_800_000,
        env: {},
        stages: [{ name: "unit", run: "npm test", env: {} }],
        artifact: { paths: ["."], exclude: [".git"] },
      },
      notify: [],
      risk: { levels: DEFAULT_LEVELS, rules: DEFAULT_RISK_RULES },
      environments: {},
    });
  });

  it("turns stage and build timeouts into milliseconds", () => {
    const config = weeknightConfigSchema.parse({
      project: "app",
      build: { timeout: "2h", stages: [{ name: "e2e", run: "make e2e", timeout: 45 }] },
    });
    expect(config.build.timeout).toBe(7_200_000);
    expect(config.build.stages[0]?.timeout).toBe(45_000);
  });

  it("refuses timeouts longer than a day", () => {
    expect(messagesFor({ ...minimal, build: { ...minimal.build, timeout: "25h" } })).toEqual([
      'timeout "25h" is too long — at most 24h',
    ]);
  });

  it("defaults every notifier to both events and email to the commit authors", () => {
    const config = weeknightConfigSchema.parse({
      ...minimal,
      notify: [{ type: "email", to: ["team@example.com"] }],
    });
    expect(config.notify).toEqual([
      {
        type: "email",
        to: ["team@example.com"],
        authors: true,
        events: [...NOTIFY_EVENTS],
      },
    ]);
  });

  it("accepts secret references and real URLs in URL fields", () => {
    const notify = [
      { type: "slack", url: `\${SLACK_WEBHOOK_URL}` },
      {
        type: "webhook",
        url: `https://example.com/hooks/\${HOOK_TOKEN}`,
        secret: `\${HOOK_SECRET}`,
      },
      { type: "email", smtp: "smtps://mail.example.com:465", from: "Weeknight <ci@example.com>" },
    ];
    expect(messagesFor({ ...minimal, notify })).toEqual([]);
  });

  it("rejects URLs of the wrong kind and lower-case secret names", () => {
    expect(
      messagesFor({
        ...minimal,
        notify: [
          { type: "slack", url: "ftp://example.com" },
          { type: "email", smtp: `\${smtp_url}` },
        ],
      }),
    ).toEqual([
      `invalid URL "ftp://example.com" — use an http(s) URL or a \${SECRET} reference`,
      `invalid URL "\${smtp_url}" — use an smtp(s) URL or a \${SECRET} reference`,
    ]);
  });

  it("keeps artifact paths inside the workspace", () => {
    expect(messagesFor(withArtifact({ paths: ["dist", "./package.json", "a/b/.."] }))).toEqual([
      'path "a/b/.." must stay inside the workspace (no "..")',
    ]);
    expect(messagesFor(withArtifact({ paths: ["/etc/passwd"] }))).toEqual([
      'path "/etc/passwd" must be relative to the workspace, not absolute',
    ]);
    expect(messagesFor(withArtifact({ paths: ["C:\\build"] }))).toEqual([
      'path "C:\\build" must be relative to the workspace, not absolute',
    ]);
    expect(messagesFor(withArtifact({ exclude: ["../secrets"] }))).toEqual([
      'path "../secrets" must stay inside the workspace (no "..")',
    ]);
  });

  it("requires env values to be strings rather than coercing them", () => {
    expect(messagesFor({ ...minimal, build: { ...minimal.build, env: { PORT: 3000 } } })).toEqual([
      'expected a string, got a number — quote it, e.g. "3000"',
    ]);
  });

  it("rejects unknown keys", () => {
    const result = weeknightConfigSchema.safeParse({ ...minimal, stages: [] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe("unrecognized_keys");
  });
});
