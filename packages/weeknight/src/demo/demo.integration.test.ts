import { execFile } from "node:child_process";
import { rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import type { DemoSummary } from "./demo-run.js";

const cli = resolve(dirname(fileURLToPath(import.meta.url)), "../main/cli.ts");

describe("weeknight demo --once --json", () => {
  it("catches the failing commit, builds the fix, deploys it, rolls a bad release back, and prints one JSON line", async () => {
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
    expect(summary.builds.map((b) => b.status)).toEqual(["failed", "passed", "passed"]);
    const [failed, fixed, risky] = summary.builds;
    expect(failed?.failedStage).toBe("unit");
    expect(fixed?.artifact?.sha256).toMatch(/^[a-f0-9]{64}$/);
    expect(summary.notifications.slice(0, 2).map((n) => [n.event, n.build])).toEqual([
      ["build.failed", failed?.id],
      ["build.fixed", fixed?.id],
    ]);
    expect(summary.notifications[0]?.authors).toContain("Bob Builder");
    expect(stderr).toContain("FAILED at stage unit");

    // The fix goes to internal and on to production; the risky release is caught by its canary.
    expect(summary.deployments.map((d) => [d.environment, d.build, d.status])).toEqual([
      ["internal", fixed?.id, "succeeded"],
      ["production", fixed?.id, "succeeded"],
      ["internal", risky?.id, "succeeded"],
      ["production", risky?.id, "rolled-back"],
    ]);
    expect(summary.deployments.at(-1)?.reason).toMatch(/5xx/);
    const production = summary.deployments.find((d) => d.environment === "production")?.url;
    expect(production).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(summary.notifications.map((n) => n.event)).toContain("deploy.rolled-back");

    // Customers read about the fix; the rolled-back release never reached them.
    expect(summary.changelog.entries.map((e) => e.text)).toEqual([
      "### Fixed\n\n- Greetings write your name with a capital letter.",
    ]);
    // The readiness card: every green build reaches internal; production still lacks a few things.
    expect(summary.readiness.level).toBe("continuous-delivery");
    expect(summary.readiness.next).toBe("scheduled-production");
    expect(summary.readiness.missing.length).toBeGreaterThan(0);
    expect(stderr).toContain("readiness: continuous-delivery; scheduled-production still needs");
    rmSync(summary.home, { recursive: true, force: true });
  });
});
