import { describe, expect, it } from "vitest";
import { checkReadiness, readinessLevel } from "./readiness-checks.js";
import { productionOf } from "./readiness-facts.js";
import { type ReadinessItemId, readinessItem, readinessItems } from "./readiness-items.js";
import { configWith, readyFacts } from "./test-support/readiness-fixture.js";

describe("the ready project", () => {
  it("meets every item, so it is at continuous deployment with nothing next", () => {
    const { items, level } = checkReadiness(readyFacts());
    expect(items.filter((i) => i.status !== "met")).toEqual([]);
    expect(items.map((i) => i.id)).toEqual(Object.keys(readinessItems));
    expect(level).toMatchObject({
      current: "continuous-deployment",
      next: null,
      missingForNext: [],
    });
    expect(level.ladder.every((rung) => rung.reached)).toBe(true);
  });

  it("finds only the polling before the first passed build", () => {
    const { items, level } = checkReadiness(readyFacts({ config: null, builds: [] }));
    expect(items.filter((i) => i.status !== "missing").map((i) => [i.id, i.status])).toEqual([
      ["build-every-commit", "partly"],
    ]);
    expect(items.find((i) => i.id === "unit-tests")?.detail).toContain("no passed build");
    expect(level.current).toBe("none");
  });
});

describe("production", () => {
  it.each([
    [{ production: "x", internal: "y" }, "production"],
    [{ staging: "x", live: "y" }, null],
  ])("is the environment named production, or the end of the requires chain", (names, expected) => {
    const config = configWith(({ root, production }) => {
      root.environments = Object.fromEntries(
        Object.keys(names).map((name) => [
          name,
          { ...production, requires: [], backup: undefined, data: undefined },
        ]),
      );
    });
    expect(productionOf(config)).toBe(expected);
    const chain = configWith(({ root, internal, production }) => {
      root.environments = {
        qa: { ...internal, data: undefined },
        live: { ...production, requires: ["qa"] },
      };
    });
    expect(productionOf(chain)).toBe("live");
  });
});

describe("levels", () => {
  const all = Object.keys(readinessItems) as ReadinessItemId[];
  const levelWith = (met: ReadinessItemId[], partly: ReadinessItemId[] = []) =>
    readinessLevel(
      all.map((id) =>
        readinessItem(
          id,
          met.includes(id) ? "met" : partly.includes(id) ? "partly" : "missing",
          "",
        ),
      ),
    );
  const ci: ReadinessItemId[] = ["build-every-commit", "unit-tests", "failure-notification"];
  const delivery: ReadinessItemId[] = [...ci, "internal-environment"];
  const scheduled: ReadinessItemId[] = [
    ...delivery,
    "promote-last-green",
    "web-monitoring",
    "application-monitoring",
    "log-monitoring",
  ];

  it.each<[string, ReadinessItemId[], string, string | null, ReadinessItemId[]]>([
    ["nothing", [], "none", "ci", ci],
    ["builds and notices", ci, "ci", "continuous-delivery", ["internal-environment"]],
    [
      "internal on green",
      delivery,
      "continuous-delivery",
      "scheduled-production",
      scheduled.slice(4),
    ],
    [
      "scheduled production with monitors",
      scheduled,
      "scheduled-production",
      "continuous-deployment",
      ["integration-tests", "automatic-rollback", "crash-supervision", "backups", "fix-fast"],
    ],
    ["everything", all, "continuous-deployment", null, []],
  ])("with %s met, the level is %s", (_name, met, current, next, missing) => {
    expect(levelWith(met)).toMatchObject({ current, next, missingForNext: missing });
  });

  it("does not count 'partly', nor skip a level that is not reached", () => {
    expect(levelWith(ci.slice(1), ["build-every-commit"])).toMatchObject({
      current: "none",
      missingForNext: ["build-every-commit"],
    });
    const withoutCi = levelWith(all.filter((id) => id !== "unit-tests"));
    expect(withoutCi).toMatchObject({
      current: "none",
      next: "ci",
      missingForNext: ["unit-tests"],
    });
    expect(withoutCi.ladder.map((rung) => rung.reached)).toEqual([false, false, false, false]);
  });

  it("needs every item for continuous deployment", () => {
    const top = levelWith(all).ladder.at(-1);
    expect([...(top?.needs ?? [])].sort()).toEqual([...all].sort());
  });
});
