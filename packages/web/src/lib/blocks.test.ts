import { describe, expect, it } from "vitest";
import {
  blockTarget,
  expiryBody,
  mayLift,
  parseExpiryChoice,
  sortBlocks,
  tomorrowMorning,
} from "./blocks.js";

const now = new Date(2026, 10, 30, 14, 25, 10).getTime();

describe("the block dialog's expiry", () => {
  it("sends no expiry for a block that lasts until lifted", () => {
    expect(expiryBody("lifted", now)).toEqual({});
  });

  it("sends a duration for 1, 2 and 4 hours", () => {
    expect(expiryBody("1h", now)).toEqual({ for: "1h" });
    expect(expiryBody("2h", now)).toEqual({ for: "2h" });
    expect(expiryBody("4h", now)).toEqual({ for: "4h" });
  });

  it("sends tomorrow 09:00 local time as `until`", () => {
    const until = expiryBody("tomorrow", now).until ?? 0;
    expect(new Date(until)).toEqual(new Date(2026, 11, 1, 9, 0, 0, 0));
  });

  it("reaches tomorrow across a month's and a year's end", () => {
    expect(new Date(tomorrowMorning(new Date(2026, 11, 31, 23, 59).getTime()))).toEqual(
      new Date(2027, 0, 1, 9, 0),
    );
    // Just after midnight, "tomorrow" is still the next day, not the one that just began.
    expect(new Date(tomorrowMorning(new Date(2026, 11, 1, 0, 5).getTime()))).toEqual(
      new Date(2026, 11, 2, 9, 0),
    );
  });

  it("reads an unknown choice as until lifted", () => {
    expect(parseExpiryChoice("2h")).toBe("2h");
    expect(parseExpiryChoice("forever")).toBe("lifted");
  });
});

describe("a block's target", () => {
  const block = { project: "shop", environment: "production", buildId: null, sha: null };

  it("names the environment and the project", () => {
    expect(blockTarget(block)).toBe("production of shop");
    expect(blockTarget({ ...block, environment: null })).toBe("every environment of shop");
  });

  it("names a build or a commit when only that is held back", () => {
    expect(blockTarget({ ...block, buildId: 12 })).toBe("build #12 of shop on production");
    expect(blockTarget({ ...block, environment: null, sha: "abc1234def" })).toBe(
      "commit abc1234 of shop on every environment",
    );
  });
});

describe("who may lift a block", () => {
  const user = (username: string, deployer: boolean) => ({ username, can: () => deployer });

  it("is its author, even a viewer", () => {
    expect(mayLift({ createdBy: "vera" }, user("vera", false))).toBe(true);
  });

  it("is any deployer", () => {
    expect(mayLift({ createdBy: "vera" }, user("ann", true))).toBe(true);
    expect(mayLift({ createdBy: "weeknight" }, user("ann", true))).toBe(true);
  });

  it("is not another viewer", () => {
    expect(mayLift({ createdBy: "vera" }, user("victor", false))).toBe(false);
  });
});

describe("the banner's order", () => {
  it("lists each project's whole-project blocks first, then the newest", () => {
    const sorted = sortBlocks([
      { id: 1, project: "shop", environment: "production" },
      { id: 2, project: "api", environment: "staging" },
      { id: 3, project: "shop", environment: null },
      { id: 4, project: "shop", environment: "staging" },
    ]);
    expect(sorted.map((b) => b.id)).toEqual([2, 3, 4, 1]);
  });
});
