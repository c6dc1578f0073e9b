import { describe, expect, it } from "vitest";
import type { Build, Stage } from "./api-types.js";
import { logLineText, outcomeLine, stageLine } from "./build-view.js";
import { eventLine } from "./event-commands.js";
import { colorsFor } from "./output.js";

const plain = colorsFor({ write: () => true, isTTY: false }, {});
const NOW = 1_800_000_000_000;

function stage(patch: Partial<Stage>): Stage {
  return {
    position: 0,
    name: "unit",
    status: "passed",
    startedAt: NOW - 1_500,
    finishedAt: NOW - 1_161,
    exitCode: 0,
    message: null,
    ...patch,
  };
}

function build(patch: Partial<Build>): Build {
  return {
    id: 7,
    project: "shop",
    sha: "4948afbb8c4be6754c2304e1eb6e26c4df6e153a",
    branch: "main",
    status: "passed",
    trigger: "manual:ada",
    queuedAt: NOW - 5_000,
    startedAt: NOW - 4_000,
    finishedAt: NOW - 2_600,
    error: null,
    stages: [stage({})],
    artifact: null,
    commits: [],
    transition: null,
    ...patch,
  };
}

describe("build view", () => {
  it("shows a stage with its duration, and why it failed", () => {
    expect(stageLine(plain, stage({}), NOW, 6)).toBe("✓ unit    passed  339 ms");
    expect(stageLine(plain, stage({ status: "failed", exitCode: 1, message: null }), NOW)).toBe(
      "✗ unit  failed  339 ms  exit 1",
    );
    expect(stageLine(plain, stage({ status: "running", finishedAt: null }), NOW)).toBe(
      "▸ unit  running  1.5s",
    );
  });

  it("names the failed stage and the command to read its log", () => {
    expect(outcomeLine(plain, build({}), NOW)).toBe("Build #7 of shop passed in 1.4s");
    const failed = build({ status: "failed", stages: [stage({ status: "failed" })] });
    expect(outcomeLine(plain, failed, NOW)).toBe(
      "Build #7 of shop failed: stage unit failed (see `weeknight build logs 7 --stage unit`)",
    );
  });

  it("marks Weeknight's own log lines and leaves the build's output as it was", () => {
    const line = { n: 1, stage: "unit", at: NOW, text: "  ok 1 - adds" };
    expect(logLineText(plain, { ...line, stream: "stdout" })).toBe("  ok 1 - adds");
    expect(logLineText(plain, { ...line, stream: "system", text: "stage unit passed" })).toBe(
      "[weeknight] stage unit passed",
    );
  });

  it("prints one event per line with what happened to which build", () => {
    const event = {
      id: 4,
      type: "build.stage",
      at: NOW,
      data: { project: "shop", buildId: 7, name: "unit", status: "passed" },
    };
    expect(eventLine(event, (t) => t)).toMatch(
      /^\d\d:\d\d:\d\d {2}build\.stage +shop #7 unit passed$/,
    );
  });
});
