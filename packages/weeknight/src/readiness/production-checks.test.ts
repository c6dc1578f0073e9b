import { describe, expect, it } from "vitest";
import type { ReadinessFacts } from "./readiness-facts.js";
import type { ReadinessStatus } from "./readiness-schema.js";
import {
  daysAgo,
  itemOf as item,
  readyFacts,
  withYml,
  type YmlParts,
} from "./test-support/readiness-fixture.js";

const monitors =
  (...list: object[]) =>
  (parts: YmlParts) => {
    parts.production.monitors = list;
  };
const http = { name: "home", type: "http", url: "/" };
const journey = { name: "checkout", type: "journey", steps: [{ url: "/cart" }] };
const metrics = {
  name: "guts",
  type: "metrics",
  url: "/metrics",
  rules: [{ name: "errors", gauge: "errors_total", below: 1 }],
};
const logs = { name: "errors", type: "logs", rules: [{ name: "new", new_patterns: true }] };
const command = { type: "command", deploy: "./deploy.sh", rollback: "./rollback.sh" };

describe("monitoring of production", () => {
  it("names the monitors it found", () => {
    const facts = readyFacts();
    expect(item(facts, "web-monitoring").detail).toBe(
      'environments.production.monitors: "home page" (http)',
    );
    expect(item(facts, "application-monitoring").detail).toContain('"guts" (metrics)');
    expect(item(facts, "log-monitoring").detail).toContain('"errors in logs" (logs)');
  });

  it.each<[string, object[], [ReadinessStatus, ReadinessStatus, ReadinessStatus]]>([
    ["no monitors", [], ["missing", "missing", "missing"]],
    ["a journey", [journey], ["met", "partly", "missing"]],
    ["http and logs", [http, logs], ["met", "missing", "met"]],
    ["metrics only", [metrics], ["missing", "met", "missing"]],
  ])("with %s: web, application, logs are %j", (_name, list, statuses) => {
    const facts = withYml(monitors(...list));
    expect(
      (["web-monitoring", "application-monitoring", "log-monitoring"] as const).map(
        (id) => item(facts, id).status,
      ),
    ).toEqual(statuses);
  });

  it("looks at production, not internal", () => {
    const facts = withYml((parts) => {
      parts.internal.monitors = [http, metrics, logs];
      parts.production.monitors = [];
    });
    expect(item(facts, "web-monitoring").detail).toContain(
      "environments.production.monitors has no http, browser or journey monitor",
    );
  });
});

describe("automatic rollback", () => {
  it("is met with guards configured and a rollback in the last 90 days", () => {
    expect(item(readyFacts(), "automatic-rollback")).toMatchObject({
      status: "met",
      detail:
        'environments.production rolls a bad release back by itself (health check /health, canary analysis at 10 % and gate monitors "home page"); deployment #4 on production rolled back by itself 20 days ago',
    });
  });

  it("counts a rollback someone asked for, but not one older than 90 days", () => {
    const asked = readyFacts({
      lastRollback: { deploymentId: 5, environment: "internal", automatic: false, at: daysAgo(2) },
    });
    expect(item(asked, "automatic-rollback")).toMatchObject({
      status: "met",
      detail: expect.stringContaining("deployment #5 on internal was rolled back on request"),
    });
    const old = readyFacts({
      lastRollback: {
        deploymentId: 5,
        environment: "production",
        automatic: true,
        at: daysAgo(91),
      },
    });
    expect(item(old, "automatic-rollback")).toMatchObject({
      status: "partly",
      detail: expect.stringContaining("practise with weeknight rollback production"),
    });
  });

  it.each<[string, (parts: YmlParts) => void, ReadinessFacts["lastRollback"], ReadinessStatus]>([
    [
      "a command target without health or gates",
      (p) => {
        p.production.target = command;
        p.production.monitors = [];
      },
      null,
      "missing",
    ],
    [
      "a command target with a health command",
      (p) => {
        p.production.target = { ...command, health: "./healthy.sh" };
        p.production.monitors = [];
      },
      null,
      "partly",
    ],
    [
      "no guards, but a rollback by hand",
      (p) => {
        p.production.target = command;
        p.production.monitors = [];
      },
      { deploymentId: 3, environment: "production", automatic: false, at: daysAgo(5) },
      "partly",
    ],
  ])("with %s it is %s", (_name, edit, lastRollback, status) => {
    expect(item(withYml(edit, { lastRollback }), "automatic-rollback").status).toBe(status);
  });
});

describe("crash supervision", () => {
  it("is met by a process target: the agent restarts and reports crashes", () => {
    expect(item(readyFacts(), "crash-supervision").status).toBe("met");
  });

  it("is partly met by a service manager Weeknight cannot hear", () => {
    const facts = withYml((p) => {
      p.production.target = {
        type: "ssh",
        hosts: ["app1"],
        user: "deploy",
        key: "KEY",
        path: "/srv/shop",
        restart: "sudo systemctl restart shop",
      };
    });
    expect(item(facts, "crash-supervision")).toMatchObject({
      status: "partly",
      detail: expect.stringContaining("restarts through systemctl"),
    });
  });

  it("is missing for a command target, unless a crash was reported", () => {
    const facts = withYml((p) => {
      p.production.target = command;
    });
    expect(item(facts, "crash-supervision").status).toBe("missing");
    const crashed = { ...facts.deliveries.failureDelivered, at: daysAgo(1) };
    facts.deliveries.crashReported = crashed as ReadinessFacts["deliveries"]["crashReported"];
    expect(item(facts, "crash-supervision")).toMatchObject({
      status: "met",
      detail: expect.stringContaining("the last crash was reported 1 day ago"),
    });
  });
});

describe("backups", () => {
  const backup = (
    id: number,
    created: number,
    verified: number | null,
    error: string | null = null,
  ) => ({
    id,
    status: "ok",
    createdAt: daysAgo(created),
    verifiedAt: verified === null ? null : daysAgo(verified),
    verifyError: error,
  });

  it("is met by a backup in the last 7 days and a restore verified in the last 30", () => {
    expect(item(readyFacts(), "backups")).toMatchObject({
      status: "met",
      detail: "backup #12 taken 1 day ago; backup #11 restored and verified 2 days ago",
    });
  });

  it.each([
    [
      "an old backup",
      [backup(3, 8, 8)],
      "none in the last 7 days: weeknight backup create production",
    ],
    [
      "an old verify",
      [backup(3, 1, 31)],
      "none in the last 30 days: weeknight backup verify production",
    ],
    ["a failed verify", [backup(3, 1, 1, "integrity_check: malformed")], "no restore verified yet"],
    ["no backup at all", [], "no backup taken yet"],
  ])("is partly met with %s", (_name, list, detail) => {
    expect(item(readyFacts({ backups: list }), "backups")).toMatchObject({
      status: "partly",
      detail: expect.stringContaining(detail),
    });
  });

  it("is missing when production has no backup:", () => {
    const facts = withYml((p) => {
      p.production.backup = undefined;
    });
    expect(item(facts, "backups")).toMatchObject({
      status: "missing",
      detail: expect.stringContaining("environments.production has no backup:"),
    });
  });
});

describe("fixing fast", () => {
  it("is met by defects first, on by default where production requires internal", () => {
    const fixed = readyFacts({
      lastFix: { buildId: 46, incidentIds: [4], at: daysAgo(3), how: "trailer" },
    });
    expect(item(fixed, "fix-fast")).toMatchObject({
      status: "met",
      detail:
        "environments.production puts defects first (on by default: it requires another): while a sev1 incident is open, only a build that fixes it (Fixes: INC-<n>) goes out; last fix: build #46 fixed INC-4 (Fixes: trailer) 3 days ago",
    });
  });

  it.each<[string, (parts: YmlParts) => void, ReadinessStatus, string]>([
    [
      "turned off",
      (p) => {
        p.production.defects_first = false;
      },
      "partly",
      "defects_first is off",
    ],
    [
      "off by default without requires",
      (p) => {
        p.production.requires = [];
      },
      "partly",
      "weeknight deploy production --build <id>",
    ],
    [
      "asked for explicitly",
      (p) => {
        p.production.requires = [];
        p.production.defects_first = { severity: "sev2" };
      },
      "met",
      "while a sev2 incident is open",
    ],
  ])("with defects first %s it is %s", (_name, edit, status, detail) => {
    expect(item(withYml(edit), "fix-fast")).toMatchObject({
      status,
      detail: expect.stringContaining(detail),
    });
  });
});
