import { describe, expect, it } from "vitest";
import { NOTIFY_EVENTS, weeknightConfigSchema } from "./config-schema.js";
import { interpolateSecrets, referencedSecrets } from "./config-secrets.js";

function sampleConfig() {
  return weeknightConfigSchema.parse({
    project: "sample-app",
    build: {
      env: { API_KEY: `\${API_KEY}`, HOME_DIR: `$\${HOME}` },
      stages: [
        { name: "deploy-check", run: `curl -H 'Authorization: \${API_KEY}' $\${BASE_URL}/health` },
        { name: "integration", run: "npm test", env: { DATABASE_URL: `\${TEST_DATABASE_URL}` } },
      ],
    },
    notify: [
      { type: "slack", url: `\${SLACK_WEBHOOK_URL}` },
      { type: "webhook", url: "https://example.com/hook", secret: `\${HOOK_SECRET}` },
      { type: "email", smtp: `\${SMTP_URL}` },
    ],
  });
}

describe("referencedSecrets", () => {
  it("lists each secret once, sorted, from commands, env values and notifiers", () => {
    expect(referencedSecrets(sampleConfig())).toEqual([
      "API_KEY",
      "HOOK_SECRET",
      "SLACK_WEBHOOK_URL",
      "SMTP_URL",
      "TEST_DATABASE_URL",
    ]);
  });

  it("ignores escaped references and names that are not upper-case", () => {
    const config = weeknightConfigSchema.parse({
      project: "app",
      build: { stages: [{ name: "a", run: `echo $\${HOME} \${lower} $PATH` }] },
    });
    expect(referencedSecrets(config)).toEqual([]);
  });
});

describe("interpolateSecrets", () => {
  const secrets = {
    API_KEY: "k-123",
    HOOK_SECRET: "s3cret",
    SLACK_WEBHOOK_URL: "https://hooks.slack.com/services/T/B/X",
    SMTP_URL: "smtps://user:pw@mail.example.com",
    TEST_DATABASE_URL: "postgres://localhost/test",
  };

  it(`replaces every reference and unescapes $\${NAME} to a literal \${NAME}`, () => {
    const { config, missing } = interpolateSecrets(sampleConfig(), secrets);
    expect(missing).toEqual([]);
    expect(config.build.env).toEqual({ API_KEY: "k-123", HOME_DIR: `\${HOME}` });
    expect(config.build.stages[0]?.run).toBe(`curl -H 'Authorization: k-123' \${BASE_URL}/health`);
    expect(config.build.stages[1]?.env).toEqual({ DATABASE_URL: "postgres://localhost/test" });
    expect(config.notify).toEqual([
      {
        type: "slack",
        url: "https://hooks.slack.com/services/T/B/X",
        events: [...NOTIFY_EVENTS],
      },
      {
        type: "webhook",
        url: "https://example.com/hook",
        secret: "s3cret",
        events: [...NOTIFY_EVENTS],
      },
      {
        type: "email",
        to: [],
        authors: true,
        smtp: "smtps://user:pw@mail.example.com",
        events: [...NOTIFY_EVENTS],
      },
    ]);
  });

  it("lists secrets the server does not have and leaves their references as written", () => {
    const { config, missing } = interpolateSecrets(sampleConfig(), { API_KEY: "k-123" });
    expect(missing).toEqual(["HOOK_SECRET", "SLACK_WEBHOOK_URL", "SMTP_URL", "TEST_DATABASE_URL"]);
    expect(config.notify[0]).toMatchObject({ url: `\${SLACK_WEBHOOK_URL}` });
    expect(config.build.env.API_KEY).toBe("k-123");
  });

  it("does not treat a secret's value as another reference", () => {
    const config = weeknightConfigSchema.parse({
      project: "app",
      build: { stages: [{ name: "a", run: `echo \${A}` }] },
    });
    const result = interpolateSecrets(config, { A: `\${B}`, B: "oops" });
    expect(result.config.build.stages[0]?.run).toBe(`echo \${B}`);
  });

  it("leaves the config it was given untouched", () => {
    const original = sampleConfig();
    const snapshot = structuredClone(original);
    const { config } = interpolateSecrets(original, secrets);
    expect(original).toEqual(snapshot);
    expect(config).not.toBe(original);
    expect(config.build.stages).not.toBe(original.build.stages);
  });
});
