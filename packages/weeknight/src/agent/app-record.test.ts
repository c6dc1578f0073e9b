import { describe, expect, it } from "vitest";
import { type DesiredState, desiredStateSchema, type ReleaseRun } from "./agent-schema.js";
import { acceptDesired } from "./app-accept.js";
import { type AppRecord, newAppRecord, resolveDesired } from "./app-record.js";

const run = (id: string, keepWarmMs = 1000): ReleaseRun => ({
  id,
  artifactPath: `/artifacts/${id}.tar.gz`,
  sha256: "a".repeat(64),
  start: "node app.js",
  env: {},
  health: { path: "/health", timeoutMs: 1000 },
  keepWarmMs,
});

const canaryDoc = (): DesiredState =>
  desiredStateSchema.parse({
    app: "shop/production",
    publicPort: 8080,
    releases: [run("v1"), run("v2")],
    active: "v1",
    canary: { release: "v2", percent: 10, bakeMs: 60_000 },
  });

/** v1 serving, v2 deployed as a canary. */
function servingV1WithCanary(): AppRecord {
  const first = desiredStateSchema.parse({
    ...canaryDoc(),
    releases: [run("v1")],
    canary: undefined,
  });
  const record = newAppRecord(first);
  acceptDesired(record, first);
  record.serving = "v1";
  acceptDesired(record, canaryDoc());
  return record;
}

describe("desired state as the agent carries it out", () => {
  it("runs the serving release and the canary", () => {
    const view = resolveDesired(servingV1WithCanary(), 0);
    expect(view.active).toBe("v1");
    expect(view.canary?.release).toBe("v2");
    expect([...view.keep].sort()).toEqual(["v1", "v2"]);
  });

  it("keeps a promoted canary active when an old plan is sent again", () => {
    const record = servingV1WithCanary();
    record.fates.v2 = { state: "promoted", reason: null, at: 1 };
    record.serving = "v2";
    record.warmUntil.v1 = 5000;
    expect(acceptDesired(record, canaryDoc())).toBeNull();
    const view = resolveDesired(record, 1000);
    expect(view).toEqual({ active: "v2", canary: null, keep: new Set(["v2", "v1"]) });
    // once the rollback window is over, v1 is not kept any more
    expect([...resolveDesired(record, 6000).keep]).toEqual(["v2"]);
  });

  it("never starts a rolled-back or failed canary again", () => {
    for (const state of ["rolled-back", "failed"] as const) {
      const record = servingV1WithCanary();
      record.fates.v2 = { state, reason: "5xx", at: 1 };
      acceptDesired(record, canaryDoc());
      expect(resolveDesired(record, 0)).toEqual({
        active: "v1",
        canary: null,
        keep: new Set(["v1"]),
      });
    }
  });

  it("holds a worse canary in place when automatic rollbacks are used up", () => {
    const record = servingV1WithCanary();
    record.fates.v2 = { state: "held", reason: "5xx", at: 1 };
    expect(resolveDesired(record, 0).canary?.release).toBe("v2");
  });

  it("keeps serving the current release while a new active one is not healthy yet", () => {
    const record = servingV1WithCanary();
    const direct = desiredStateSchema.parse({
      ...canaryDoc(),
      releases: [run("v3")],
      active: "v3",
      canary: undefined,
    });
    expect(acceptDesired(record, direct)).toBe("v3");
    expect(record.phase).toBe("starting");
    expect(Object.keys(record.runs).sort()).toEqual(["v1", "v3"]);
    expect([...resolveDesired(record, 0).keep].sort()).toEqual(["v1", "v3"]);
    record.fates.v3 = { state: "failed", reason: "never healthy", at: 1 };
    expect(resolveDesired(record, 0)).toEqual({
      active: "v1",
      canary: null,
      keep: new Set(["v1"]),
    });
  });

  it("keeps the agent's rollback count unless the server changes its cap", () => {
    const record = servingV1WithCanary();
    record.autoRollbacksLeft = 1;
    acceptDesired(record, canaryDoc());
    expect(record.autoRollbacksLeft).toBe(1);
    acceptDesired(record, { ...canaryDoc(), autoRollbacksLeft: 5 });
    expect(record.autoRollbacksLeft).toBe(5);
  });

  it("keeps what a release id runs as first seen", () => {
    const record = servingV1WithCanary();
    const changed = canaryDoc();
    changed.releases = [run("v1"), { ...run("v2", 42), start: "something else" }];
    acceptDesired(record, changed);
    expect(record.runs.v2).toMatchObject({ start: "node app.js", keepWarmMs: 42 });
  });
});
