import { describe, expect, it } from "vitest";
import type { BuildStatus } from "./build-store.js";
import { buildTransitions, transitionBounds } from "./build-transition.js";

const b = (id: number, status: BuildStatus, projectId = 1) => ({ id, projectId, status });

describe("build transitions", () => {
  it("marks the build that broke a green project and the one that fixed it", () => {
    // Newest first, as list pages come.
    const page = [
      b(5, "passed"),
      b(4, "cancelled"),
      b(3, "failed"),
      b(2, "failed"),
      b(1, "passed"),
    ];
    const bounds = transitionBounds(page, true);
    expect(bounds).toEqual([{ projectId: 1, beforeId: 1 }]);
    const result = buildTransitions(page, bounds, [null]);
    expect(Object.fromEntries(result)).toEqual({
      1: null,
      2: "broke",
      3: null,
      4: null,
      5: "fixed",
    });
  });

  it("compares the page's oldest build with what came before the page", () => {
    const page = [b(12, "passed"), b(11, "failed", 2)];
    const bounds = transitionBounds(page, true);
    expect(bounds).toEqual([
      { projectId: 1, beforeId: 12 },
      { projectId: 2, beforeId: 11 },
    ]);
    const result = buildTransitions(page, bounds, ["failed", "passed"]);
    expect(result.get(12)).toBe("fixed");
    expect(result.get(11)).toBe("broke");
  });

  it("keeps projects apart", () => {
    const page = [b(3, "failed", 2), b(2, "failed", 1), b(1, "passed", 2)];
    const bounds = transitionBounds(page, true);
    const result = buildTransitions(
      page,
      bounds,
      bounds.map(() => "passed"),
    );
    expect(result.get(3)).toBe("broke");
    expect(result.get(2)).toBe("broke");
    expect(result.get(1)).toBeNull();
  });

  it("looks up every build's predecessor on a page filtered by status", () => {
    // Only failed builds are listed; a passed build sat between them.
    const page = [b(9, "failed"), b(7, "failed")];
    const bounds = transitionBounds(page, false);
    expect(bounds).toEqual([
      { projectId: 1, beforeId: 9 },
      { projectId: 1, beforeId: 7 },
    ]);
    const result = buildTransitions(page, bounds, ["passed", "failed"]);
    expect(result.get(9)).toBe("broke");
    expect(result.get(7)).toBeNull();
  });

  it("running and queued builds have none", () => {
    const page = [b(2, "running"), b(1, "queued")];
    const bounds = transitionBounds(page, true);
    expect([...buildTransitions(page, bounds, ["failed"]).values()]).toEqual([null, null]);
  });
});
