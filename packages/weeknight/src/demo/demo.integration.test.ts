import { execFile } from "node:child_process";
import { rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import type { DemoSummary } from "./demo-run.js";

const cli = resolve(dirname(fileURLToPath(import.meta.url)), "../main/cli.ts");

describe("weeknight demo --once --json", () => {
  it("catches the failing commit, tells its author, builds the fix and prints one JSON summary line last", async () => {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", cli, "demo", "--once", "--json"],
      {
        env: { ...process.env, WEEKNIGHT_DATABASE_URL: "" },
        timeout: 120_000,
      },
    );
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const summary = JSON.parse(lines[0] ?? "") as DemoSummary;
    expect(summary.builds.map((b) => b.status)).toEqual(["failed", "passed"]);
    expect(summary.builds[0]?.failedStage).toBe("unit");
    expect(summary.builds[1]?.artifact?.sha256).toMatch(/^[a-f0-9]{64}$/);
    expect(summary.notifications.map((n) => [n.event, n.build])).toEqual([
      ["build.failed", summary.builds[0]?.id],
      ["build.fixed", summary.builds[1]?.id],
    ]);
    expect(summary.notifications[0]?.authors).toContain("Bob Builder");
    expect(stderr).toContain("FAILED at stage unit");
    rmSync(summary.home, { recursive: true, force: true });
  });
});
