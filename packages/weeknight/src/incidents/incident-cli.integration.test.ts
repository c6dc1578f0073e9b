import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliAs } from "../test-support/test-cli.js";
import { type IncidentTestApp, startIncidentTestApp } from "./test-support/incident-test-app.js";

describe("weeknight incident", () => {
  let t: IncidentTestApp;
  let url: string;
  const home = mkdtempSync(join(tmpdir(), "weeknight-incident-cli-"));

  beforeAll(async () => {
    t = await startIncidentTestApp("sqlite");
    url = (await t.app.listen({ host: "127.0.0.1", port: 0 })).replace(/\/$/, "");
  });
  afterAll(async () => {
    await t?.close();
    rmSync(home, { recursive: true, force: true });
  });

  function cli(args: string[], who: "viewer" | "deployer" = "deployer") {
    return runCliAs(args, { url, token: t.tokens[who], home });
  }

  it("opens, explains and resolves an incident, and shows the suspect deploy's commits", async () => {
    const { deploymentId, sha } = await t.deploy(t.clock.now());
    const opened = await cli([
      "incident",
      "open",
      "--project",
      "shop",
      "--environment",
      "production",
      "--title",
      "checkout slow",
      "--severity",
      "sev1",
      "--deployment",
      String(deploymentId),
      "--json",
    ]);
    expect(opened.stderr).toBe("");
    const id = JSON.parse(opened.stdout).id as number;

    const [early, badKind, usage] = await Promise.all([
      cli(["incident", "resolve", String(id), "--resolution", "restarted"]),
      cli(["incident", "follow-up", String(id), "--kind", "docs", "--owner", "alice", "x"]),
      cli(["incident", "show", "not-a-number"]),
    ]);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain("identify the root cause first");
    expect(badKind.code).toBe(2);
    expect(badKind.stderr).toContain("expected missing-test, missing-monitor, process");
    expect(usage.code).toBe(2);

    const cause = await cli([
      "incident",
      "root-cause",
      String(id),
      "the cart query misses an index",
    ]);
    expect(cause.code).toBe(0);
    const followUp = await cli([
      "incident",
      "follow-up",
      String(id),
      "--kind",
      "missing-test",
      "--owner",
      "alice",
      "test the cart with 100 items",
    ]);
    expect(followUp.code).toBe(0);
    const resolved = await cli(["incident", "resolve", String(id), "--resolution", "index added"]);
    expect(resolved.stdout).toBe(`Resolved incident ${id}: index added\n`);
    expect(resolved.stderr).toContain("1 follow-up still to do");

    const [shown, listed, listedJson, viewer] = await Promise.all([
      cli(["incident", "show", String(id)], "viewer"),
      cli(["incident", "list", "--project", "shop"], "viewer"),
      cli(["incident", "list", "--open", "--json"], "viewer"),
      cli(["incident", "note", String(id), "hello"], "viewer"),
    ]);
    expect(shown.stdout).toContain(`Incident ${id} resolved sev1: checkout slow`);
    expect(shown.stdout).toContain("Root cause: the cart query misses an index");
    expect(shown.stdout).toContain(`Suspect: deploy #${deploymentId}`);
    expect(shown.stdout).toContain(`${sha.slice(0, 7)} Change 1 (Alice)`);
    expect(shown.stdout).toMatch(/missing-test\s+alice\s+no\s+test the cart with 100 items/);
    expect(shown.stdout).toMatch(/root-cause\s+dave\s+root cause: the cart query misses an index/);
    expect(listed.stdout).toMatch(new RegExp(`${id}\\s+resolved\\s+sev1\\s+shop\\s+production`));
    expect(JSON.parse(listedJson.stdout)).toEqual([]);
    expect(viewer.code).toBe(1);
    expect(viewer.stderr).toContain("needs the deployer role");

    const followUpId = String(
      JSON.parse((await cli(["incident", "show", String(id), "--json"])).stdout).followUps[0].id,
    );
    const done = await cli(["incident", "done", String(id), followUpId]);
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/missing-test\s+alice\s+yes\s+test the cart with 100 items/);
  });
});
