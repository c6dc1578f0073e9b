import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry, Flag } from "../cli/api-types.js";
import { createTestClock } from "../test-support/test-clock.js";
import { testDialects } from "../test-support/test-databases.js";
import { namedEnvironmentsYml } from "../test-support/test-repo.js";
import { startTestServer, type TestServer } from "../test-support/test-server.js";

const DAY = 24 * 60 * 60_000;

/** Production has a monitor that always fails (nothing listens on port 9): its alert fires. */
const MONITOR = {
  production: [
    "    monitors:",
    "      - name: checkout",
    "        type: http",
    "        url: http://127.0.0.1:9/",
    "        interval: 1s",
  ],
};
const PATH = "/projects/ramps/flags";
const stateIn = (flag: Flag, name: string) => flag.environments.find((e) => e.environment === name);

describe.each(testDialects)("flag ramps and stale flags on %s", (dialect) => {
  let t: TestServer;
  const clock = createTestClock();

  beforeAll(async () => {
    t = await startTestServer(dialect, {}, { clock });
    await t.addProject("ramps", namedEnvironmentsYml("ramps", ["internal", "production"], MONITOR));
    await t.api("POST", PATH, { key: "new-search" });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("applies a ramp's steps as they fall due, and releases at 100 %", async () => {
    const now = clock.now();
    const scheduled = await t.api<Flag>("PUT", `${PATH}/new-search/environments/internal/ramp`, {
      steps: [
        { at: now + 300, percent: 25 },
        { at: now + 60_000, percent: 100 },
      ],
      stickiness: "customerId",
    });
    expect(scheduled.status).toBe(200);
    expect(stateIn(scheduled.body, "internal")?.ramp?.steps).toHaveLength(2);
    await t.waitForEvent((e) => e.type === "flag.changed" && e.data.stage === "percentage");
    const first = (await t.api<Flag>("GET", `${PATH}/new-search`)).body;
    expect(stateIn(first, "internal")).toMatchObject({ stage: "percentage", percent: 25 });
    clock.set(now + 61_000);
    await t.waitForEvent((e) => e.type === "flag.changed" && e.data.stage === "released");
    const done = stateIn((await t.api<Flag>("GET", `${PATH}/new-search`)).body, "internal");
    expect(done).toMatchObject({ stage: "released", ramp: null });
    clock.set(Date.now());
  });

  it("pauses a ramp while an alert fires in the environment, until someone resumes it", async () => {
    await t.waitForEvent((e) => e.type === "alert.firing" && e.data.project === "ramps");
    const now = clock.now();
    await t.api("PUT", `${PATH}/new-search/environments/production/ramp`, {
      steps: [{ at: now + 300, percent: 5 }],
    });
    const paused = await t.waitForEvent(
      (e) => e.type === "flag.changed" && e.data.action === "ramp.paused",
    );
    expect(paused).toBeDefined();
    const flag = (await t.api<Flag>("GET", `${PATH}/new-search`)).body;
    const production = stateIn(flag, "production");
    expect(production?.stage).toBe("off");
    expect(production?.ramp?.pausedReason).toBe("alert checkout firing");
    const history = await t.api<AuditEntry[]>("GET", `${PATH}/new-search/history`);
    expect(history.body[0]).toMatchObject({
      action: "flag.ramp.paused",
      actor: "weeknight",
      details: { reason: "alert checkout firing" },
    });
    const notPaused = await t.api("POST", `${PATH}/new-search/environments/internal/ramp/resume`);
    expect(notPaused.status).toBe(409);
    const cancelled = await t.api<Flag>(
      "DELETE",
      `${PATH}/new-search/environments/production/ramp`,
    );
    expect(stateIn(cancelled.body, "production")?.ramp).toBeNull();
  });

  it("refuses ramps in the past or that go down", async () => {
    const now = clock.now();
    const past = await t.api<{ error: { message: string } }>(
      "PUT",
      `${PATH}/new-search/environments/production/ramp`,
      { steps: [{ at: now - 1000, percent: 5 }] },
    );
    expect(past.status).toBe(400);
    expect(past.body.error.message).toContain("in the past");
    const down = await t.api<{ error: { message: string } }>(
      "PUT",
      `${PATH}/new-search/environments/production/ramp`,
      {
        steps: [
          { at: now + DAY, percent: 50 },
          { at: now + 2 * DAY, percent: 10 },
        ],
      },
    );
    expect(down.status).toBe(400);
    expect(down.body.error.message).toContain("must rise");
  });

  it("lists a release flag as stale after 30 days released, and reminds once", async () => {
    const { flags } = t.server.services;
    expect(await flags.staleCheck()).toBe(0);
    clock.set(clock.now() + 31 * DAY);
    const stale = (await t.api<Flag[]>("GET", `${PATH}?stale=true`)).body;
    expect(stale.map((f) => [f.key, f.stale?.environment])).toEqual([["new-search", "internal"]]);
    expect(stale[0]?.stale?.days).toBeGreaterThanOrEqual(30);
    expect(await flags.staleCheck()).toBe(1);
    expect(await flags.staleCheck()).toBe(0);
    clock.set(Date.now());
  });
});
