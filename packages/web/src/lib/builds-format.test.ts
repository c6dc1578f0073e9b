import { describe, expect, it } from "vitest";
import {
  authorsOf,
  buildDuration,
  describeBuildTrigger,
  firstLine,
  formatBytes,
  headCommit,
  joinNames,
  shortSha,
  transitionLabel,
} from "./builds-format.js";

const commit = (sha: string, authorName: string, message = "msg") => ({ sha, authorName, message });

describe("describing a build", () => {
  it("shortens a sha and takes a message's subject", () => {
    expect(shortSha("0123456789abcdef")).toBe("0123456");
    expect(firstLine("Fix the login\n\nLong body")).toBe("Fix the login");
  });

  it("finds the head commit, or the newest when the head is missing", () => {
    const commits = [commit("b", "Bob"), commit("a", "Ada")];
    expect(headCommit({ sha: "a", commits })?.authorName).toBe("Ada");
    expect(headCommit({ sha: "z", commits })?.authorName).toBe("Bob");
    expect(headCommit({ sha: "z", commits: [] })).toBeNull();
  });

  it("lists each author once", () => {
    const commits = [commit("1", "Ada"), commit("2", "Bob"), commit("3", "Ada")];
    expect(authorsOf({ commits })).toEqual(["Ada", "Bob"]);
  });

  it("joins names as a sentence", () => {
    expect(joinNames([])).toBe("");
    expect(joinNames(["Ada"])).toBe("Ada");
    expect(joinNames(["Ada", "Bob", "Cy"])).toBe("Ada, Bob and Cy");
  });

  it("says who broke it and who fixed it", () => {
    expect(transitionLabel("broke", ["Ada", "Bob"])).toBe("broken by Ada and Bob");
    expect(transitionLabel("fixed", ["Bob"])).toBe("fixed by Bob");
    expect(transitionLabel("fixed", [])).toBe("fixed");
    expect(transitionLabel(null, ["Ada"])).toBeNull();
  });

  it("times a build from its start, ticking while it runs", () => {
    const build = { sha: "a", status: "running", queuedAt: 0, commits: [] };
    expect(buildDuration({ ...build, startedAt: null, finishedAt: null }, 50)).toBeNull();
    expect(buildDuration({ ...build, startedAt: 10, finishedAt: null }, 50)).toBe(40);
    expect(buildDuration({ ...build, startedAt: 10, finishedAt: 30 }, 50)).toBe(20);
  });

  it("names what triggered it", () => {
    expect(describeBuildTrigger("manual:ada")).toBe("Manual by ada");
    expect(describeBuildTrigger("webhook:github")).toBe("Push (github webhook)");
    expect(describeBuildTrigger("poll")).toBe("Poll");
    expect(describeBuildTrigger("cron")).toBe("cron");
  });

  it("formats artifact sizes", () => {
    expect(formatBytes(812)).toBe("812 B");
    expect(formatBytes(9_830)).toBe("9.6 KB");
    expect(formatBytes(14_540)).toBe("14 KB");
    expect(formatBytes(52 * 1024 * 1024)).toBe("52 MB");
  });
});
