import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type JourneyMonitorConfig, monitorSchema } from "../../config/monitor-schema.js";
import { InvalidInputError } from "../../errors/domain-errors.js";
import type { CheckContext } from "../monitor-types.js";
import { createJourneyCheck } from "./journey-check.js";
import { startTargetServer, type TargetServer } from "./test-support/target-server.js";

function journeyConfig(steps: Record<string, unknown>[], extra: Record<string, unknown> = {}) {
  const parsed = monitorSchema.parse({ name: "checkout", type: "journey", steps, ...extra });
  if (parsed.type !== "journey") throw new Error("not a journey");
  return parsed as JourneyMonitorConfig;
}

function runContext(): CheckContext {
  return {
    signal: new AbortController().signal,
    release: null,
    releaseSince: null,
    now: () => Date.now(),
  };
}

let target: TargetServer;

beforeAll(async () => {
  target = await startTargetServer();
});

afterAll(async () => {
  await target.close();
});

const login = (password: string) => ({
  name: "login",
  url: "/login",
  method: "POST",
  headers: { "content-type": "application/json" },
  body: `{"user": "ada", "password": "${password}"}`,
  conditions: ["[STATUS] == 200"],
  capture: { token: "[BODY].token" },
});

const account = {
  name: "account",
  url: "/account",
  headers: { authorization: "Bearer {{token}}" },
  conditions: ["[STATUS] == 200", "[BODY].name == Ada", "len([BODY].orders) > 0"],
};

describe("journey check", () => {
  it("logs in (cookie set on a redirect), captures a token, and uses both", async () => {
    const check = createJourneyCheck(journeyConfig([login("${PASSWORD}"), account]), {
      baseUrl: target.url,
      resolveSecrets: (text) => text.replace("${PASSWORD}", "secret"),
    });
    const outcome = await check.run(runContext());
    await check.close?.();
    expect(outcome.status).toBe("pass");
    expect(outcome.message).toMatch(/^2 steps passed in \d+ ms$/);
    expect(outcome.parts?.map((p) => [p.name, p.status])).toEqual([
      ["login", "pass"],
      ["account", "pass"],
    ]);
  });

  it("fails at the first failing step and lists the ones not run", async () => {
    const check = createJourneyCheck(journeyConfig([login("wrong"), account]), {
      baseUrl: target.url,
    });
    const outcome = await check.run(runContext());
    await check.close?.();
    expect(outcome).toMatchObject({
      status: "fail",
      message: 'step "login": [STATUS] == 200 failed: got 401',
    });
    expect(outcome.parts).toEqual([
      expect.objectContaining({ name: "login", status: "fail" }),
      {
        name: "account",
        status: "inconclusive",
        message: "not run: an earlier step failed",
        value: null,
      },
    ]);
  });

  it("keeps no cookies from one run to the next", async () => {
    const check = createJourneyCheck(
      journeyConfig([{ url: "/account", conditions: ["[STATUS] == 401"] }]),
      { baseUrl: target.url },
    );
    expect((await check.run(runContext())).status).toBe("pass");
    await check.close?.();
  });

  it("fails a step whose capture is missing", async () => {
    const check = createJourneyCheck(
      journeyConfig([
        { name: "health", url: "/echo", capture: { token: "[BODY].token" } },
        { url: "/account", headers: { authorization: "Bearer {{token}}" } },
      ]),
      { baseUrl: target.url },
    );
    const outcome = await check.run(runContext());
    await check.close?.();
    expect(outcome).toMatchObject({
      status: "fail",
      message: 'step "health": capture token from [BODY].token failed: no key "token" in [BODY]',
    });
  });

  it("names unnamed steps by number", async () => {
    const check = createJourneyCheck(
      journeyConfig([{ url: "/health" }, { url: "/account", conditions: ["[STATUS] == 200"] }]),
      { baseUrl: target.url },
    );
    target.set("ok");
    const outcome = await check.run(runContext());
    await check.close?.();
    expect(outcome.message).toBe('step "2": [STATUS] == 200 failed: got 401');
  });
});

describe("journey config errors", () => {
  const refused = (steps: Record<string, unknown>[]) => {
    try {
      createJourneyCheck(journeyConfig(steps), { baseUrl: "http://app.test" });
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      return (error as Error).message;
    }
    throw new Error("expected a config error");
  };

  it("refuses a {{value}} no earlier step captures", () => {
    expect(
      refused([{ url: "/a", capture: { token: "[BODY].token" } }, { url: "/b?csrf={{csrf}}" }]),
    ).toBe(
      'monitor "checkout" step "2": {{csrf}} is not captured by an earlier step — add `capture: {csrf: "[BODY].csrf"}` to a step before this one',
    );
    expect(
      refused([
        { url: "/a", headers: { authorization: "{{token}}" }, capture: { token: "[BODY].t" } },
      ]),
    ).toContain("{{token}} is not captured by an earlier step");
  });

  it("refuses a bad capture or condition, naming the step", () => {
    expect(refused([{ name: "login", url: "/a", capture: { token: "BODY.token" } }])).toBe(
      'monitor "checkout" step "login": capture token "BODY.token": expected a placeholder at column 1 — use [STATUS], [RESPONSE_TIME], [BODY], [BODY].path, len([BODY]), [HEADER].name, [CERTIFICATE_EXPIRATION], [LOAD_TIME] or [CONNECTED]',
    );
    const badCondition = monitorSchema.safeParse({
      name: "checkout",
      type: "journey",
      steps: [{ name: "login", url: "/a", conditions: ["[STATUS] =< 200"] }],
    });
    expect(badCondition.error?.issues[0]).toMatchObject({
      path: ["steps", 0, "conditions", 0],
      message: expect.stringContaining('condition "[STATUS] =< 200": unknown operator "=<"'),
    });
    expect(refused([{ url: "/a", capture: { t: "[LOAD_TIME]" } }])).toContain(
      "[LOAD_TIME] is not measured by this kind of check",
    );
  });

  it("refuses a bad url in any step", () => {
    expect(refused([{ url: "/a" }, { url: "mailto:x@y" }])).toContain(
      'monitor "checkout" step "2": invalid url "mailto:x@y"',
    );
  });
});
