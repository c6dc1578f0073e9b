import { describe, expect, it } from "vitest";
import { stageKinds } from "./pipeline-checks.js";
import type { ReadinessFacts } from "./readiness-facts.js";
import type { ReadinessStatus } from "./readiness-schema.js";
import {
  daysAgo,
  itemOf as item,
  readyFacts,
  withYml,
  type YmlParts,
} from "./test-support/readiness-fixture.js";

describe("testing", () => {
  it.each([
    [
      { name: "test", run: "npm test" },
      { unit: true, integration: false },
    ],
    [
      { name: "unit", run: "make" },
      { unit: true, integration: false },
    ],
    [
      { name: "check", run: "go test ./..." },
      { unit: true, integration: false },
    ],
    [
      { name: "integration", run: "npm run test:integration" },
      { unit: false, integration: true },
    ],
    [
      { name: "browser", run: "npx playwright test" },
      { unit: false, integration: true },
    ],
    [
      { name: "test", run: "vitest --project unit && vitest --project e2e" },
      { unit: true, integration: true },
    ],
    [
      { name: "lint", run: "biome check ." },
      { unit: false, integration: false },
    ],
  ])("stage %j runs %j tests", (stage, kinds) => {
    expect(stageKinds({ ...stage, env: {} })).toEqual(kinds);
  });

  it("finds the unit and integration stages, naming them", () => {
    expect(item(readyFacts(), "unit-tests").detail).toBe(
      'build.stages[0] "unit" (npm test) in weeknight.yml',
    );
    expect(item(readyFacts(), "integration-tests").detail).toContain(
      'build.stages[1] "integration"',
    );
  });

  it("says which stages exist when none runs tests of a kind", () => {
    const facts = withYml(({ build }) => {
      build.stages = [{ name: "compile", run: "tsc" }];
    });
    expect(item(facts, "unit-tests")).toMatchObject({ status: "missing" });
    expect(item(facts, "integration-tests").detail).toContain('("compile")');
  });

  it("finds an internal environment that gets every green build like production", () => {
    expect(item(readyFacts(), "internal-environment")).toMatchObject({
      status: "met",
      detail: expect.stringContaining("build #9 is live there"),
    });
  });

  it.each<[string, (parts: YmlParts) => void, ReadinessStatus, string]>([
    [
      "manual",
      ({ internal }) => {
        internal.deploy = "manual";
      },
      "partly",
      "deploys manual: set deploy: on-green",
    ],
    [
      "another target type",
      ({ internal }) => {
        internal.target = { type: "command", deploy: "true", rollback: "true" };
      },
      "partly",
      "uses a command target where production uses process",
    ],
    [
      "absent",
      ({ root, production }) => {
        root.environments = { production: { ...production, requires: [] } };
      },
      "missing",
      "no environment besides production",
    ],
  ])("an internal environment that is %s does not count", (_name, edit, status, detail) => {
    expect(item(withYml(edit), "internal-environment")).toMatchObject({
      status,
      detail: expect.stringContaining(detail),
    });
  });

  it("counts internal alone when there is no production (not SaaS: deploy to an internal server)", () => {
    const facts = withYml(({ root, internal }) => {
      root.environments = { internal: { ...internal, data: undefined } };
    });
    expect(item(facts, "internal-environment")).toMatchObject({
      status: "met",
      detail: expect.stringContaining("add data.refresh_from for production-like data"),
    });
    expect(item(facts, "web-monitoring").detail).toContain("no production environment");
  });
});

describe("deployment", () => {
  it("sees every commit built by polling and webhooks", () => {
    expect(item(readyFacts(), "build-every-commit")).toMatchObject({
      status: "met",
      detail:
        "the branch main is polled every 1 min and github webhooks start builds; each of the last 5 commits on main has a build",
    });
  });

  it("counts webhooks alone, with polling off", () => {
    const facts = readyFacts({ project: { name: "shop", branch: "main", pollIntervalMs: 0 } });
    expect(item(facts, "build-every-commit").status).toBe("met");
  });

  it("names commits that were never built", () => {
    const facts = readyFacts({ branchCommits: ["c7", "c6", "c5"] });
    expect(item(facts, "build-every-commit")).toMatchObject({
      status: "partly",
      detail: expect.stringContaining("2 of the last 3 commits on main have no build (c7, c6)"),
    });
  });

  it("is missing when builds only start by hand", () => {
    const facts = readyFacts({
      project: { name: "shop", branch: "main", pollIntervalMs: 0 },
      builds: [{ id: 1, status: "passed", trigger: "manual:ann", sha: "c5", commitShas: ["c5"] }],
    });
    expect(item(facts, "build-every-commit")).toMatchObject({
      status: "missing",
      detail: expect.stringContaining("polling is off (poll interval 0)"),
    });
    expect(item(readyFacts({ builds: [] }), "build-every-commit")).toMatchObject({
      status: "partly",
      detail: expect.stringContaining("no builds yet"),
    });
  });

  it("needs a failure notice delivered in the last 90 days, or a test that arrived", () => {
    const delivered = readyFacts().deliveries.failureDelivered;
    expect(item(readyFacts(), "failure-notification")).toMatchObject({
      status: "met",
      detail:
        "notify[0] (webhook) subscribes to build.failed; build #7's failure notice reached webhook https://hooks.example.com/weeknight 3 days ago",
    });
    const old = delivered && { ...delivered, at: daysAgo(91) };
    const stale = readyFacts({
      deliveries: {
        failureLatest: old,
        failureDelivered: old,
        testDelivered: null,
        crashReported: null,
      },
    });
    expect(item(stale, "failure-notification").status).toBe("partly");
    const tested = readyFacts({
      deliveries: {
        ...stale.deliveries,
        testDelivered: delivered && { ...delivered, buildId: null },
      },
    });
    expect(item(tested, "failure-notification").detail).toContain("a test notification reached");
  });

  it("is only partly met when the newest failure notice could not be delivered", () => {
    const facts = readyFacts();
    const failed = {
      ...facts.deliveries.failureLatest,
      at: daysAgo(1),
      buildId: 12,
      status: "failed",
      lastError: "answered HTTP 404",
    } as ReadinessFacts["deliveries"]["failureDelivered"];
    facts.deliveries.failureLatest = failed;
    expect(item(facts, "failure-notification")).toMatchObject({
      status: "partly",
      detail: expect.stringContaining("(build #12, 1 day ago) could not be delivered"),
    });
  });

  it("is missing without a channel that hears of failures", () => {
    const none = withYml(({ root }) => {
      root.notify = [];
    });
    expect(item(none, "failure-notification").detail).toContain("no notify: channel");
    const deaf = withYml(({ root }) => {
      root.notify = [{ type: "webhook", url: "https://x.example.com", events: ["deploy.failed"] }];
    });
    expect(item(deaf, "failure-notification")).toMatchObject({ status: "missing" });
  });

  it.each<[string, (parts: YmlParts) => void, ReadinessStatus]>([
    [
      "on green, verified on internal",
      ({ production }) => {
        production.deploy = "on-green";
      },
      "met",
    ],
    [
      "on a schedule, unverified",
      ({ production }) => {
        production.requires = [];
      },
      "partly",
    ],
    [
      "by hand, verified on internal",
      ({ production }) => {
        production.deploy = "manual";
      },
      "partly",
    ],
    [
      "by hand, unverified",
      ({ production }) => {
        production.deploy = "manual";
        production.requires = [];
      },
      "missing",
    ],
  ])("production promoting %s is %s", (_name, edit, status) => {
    expect(item(withYml(edit), "promote-last-green").status).toBe(status);
  });

  it("names the schedule and what is live", () => {
    expect(item(readyFacts(), "promote-last-green").detail).toBe(
      'environments.production deploys the newest build verified on internal on the schedule "0 22 * * 1-5" (Europe/London); build #8 is live',
    );
  });
});
