import { describe, expect, it } from "vitest";
import { environmentPath, failuresOf, isDeploying, waitingLabel } from "./builds-overview.js";

const environment = (name: string, extra = {}) => ({
  name,
  lastDeployment: { id: 1, step: "succeeded" },
  health: "healthy",
  healthDetail: null,
  ...extra,
});

describe("the failure banner", () => {
  it("is empty when everything is green", () => {
    expect(
      failuresOf([
        {
          project: "shop",
          lastBuild: { id: 3, status: "passed" },
          environments: [environment("internal")],
        },
      ]),
    ).toEqual([]);
  });

  it("lists a failed build and environments that rolled back or are failing", () => {
    const failures = failuresOf([
      {
        project: "shop",
        lastBuild: { id: 7, status: "failed" },
        environments: [
          environment("internal", { health: "failing", healthDetail: "GET /health answered 500" }),
          environment("production", { lastDeployment: { id: 4, step: "rolled-back" } }),
          environment("staging", { lastDeployment: { id: 5, step: "baking" } }),
        ],
      },
    ]);
    expect(failures).toEqual([
      {
        key: "build-shop",
        project: "shop",
        environment: null,
        problem: "build #7 failed",
        to: "/builds/7",
      },
      {
        key: "env-shop-internal",
        project: "shop",
        environment: "internal",
        problem: "GET /health answered 500",
        to: "/projects/shop/environments/internal",
      },
      {
        key: "env-shop-production",
        project: "shop",
        environment: "production",
        problem: "deployment #4 rolled back",
        to: "/projects/shop/environments/production",
      },
    ]);
  });

  it("prefers the health detail over the deployment outcome, in one entry", () => {
    const failures = failuresOf([
      {
        project: "shop",
        lastBuild: null,
        environments: [
          environment("production", {
            lastDeployment: { id: 9, step: "failed" },
            health: "failing",
          }),
        ],
      },
    ]);
    expect(failures.map((failure) => failure.problem)).toEqual(["failing"]);
  });
});

describe("environment cells", () => {
  it("counts what is waiting", () => {
    expect(waitingLabel(0)).toBe("up to date");
    expect(waitingLabel(1)).toBe("1 commit waiting");
    expect(waitingLabel(4)).toBe("4 commits waiting");
  });

  it("escapes names in links", () => {
    expect(environmentPath("my app", "prod/eu")).toBe("/projects/my%20app/environments/prod%2Feu");
  });

  it("knows a deployment in progress", () => {
    expect(isDeploying("canary")).toBe(true);
    expect(isDeploying("succeeded")).toBe(false);
    expect(isDeploying(undefined)).toBe(false);
  });
});
