import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliAs } from "../test-support/test-cli.js";
import { namedEnvironmentsYml } from "../test-support/test-repo.js";
import { startTestServer, type TestServer } from "../test-support/test-server.js";
import type { Flag } from "./api-types.js";

describe("weeknight flag", () => {
  let t: TestServer;
  const home = mkdtempSync(join(tmpdir(), "weeknight-flag-cli-"));
  const cli = (...args: string[]) => runCliAs(args, { url: t.url, token: t.token, home });

  beforeAll(async () => {
    t = await startTestServer("sqlite");
    await t.addProject("shop", namedEnvironmentsYml("shop", ["production"]));
  });
  afterAll(async () => {
    await t?.close();
    rmSync(home, { recursive: true, force: true });
  });

  it("takes a flag from admin only to a few customers to 10 % to everyone", async () => {
    const created = await cli("flag", "create", "new-checkout", "-d", "one-page checkout");
    expect(created.stdout).toContain(
      "Created flag new-checkout (release) in shop: off everywhere.",
    );
    const admins = await cli("flag", "admins", "new-checkout", "--env", "production");
    expect(admins.stdout).toContain("production: admins");
    expect(admins.stdout).toContain("admins: segment admins");
    const customers = await cli(
      "flag",
      "customers",
      "new-checkout",
      "acme,globex",
      "--env",
      "production",
    );
    expect(customers.stdout).toContain("production: customers (2)");
    expect(customers.stdout).toContain("customers: customerId IN acme, globex");
    const rollout = await cli(
      "flag",
      "rollout",
      "new-checkout",
      "10%",
      "--env",
      "production",
      "--by",
      "customerId",
    );
    expect(rollout.stdout).toContain("production: 10 % by customerId + 2 customers");
    const who = await cli("flag", "eval", "new-checkout", "customerId=acme", "--env", "production");
    expect(who.stdout).toContain('ON — on: rule "customers" matches');
    const released = await cli("flag", "release", "new-checkout", "--env", "production", "--json");
    const flag = JSON.parse(released.stdout) as Flag;
    expect(flag.environments[0]).toMatchObject({ stage: "released", percent: 100 });
    const list = await cli("flag", "list");
    expect(list.stdout).toMatch(/new-checkout\s+release\s+released/);
    const stale = await cli("flag", "list", "--stale");
    expect(stale.stdout).toContain("no stale flags");
  });

  it("kills a flag, sets rules from a file, and explains bad input", async () => {
    const killed = await cli("flag", "kill", "new-checkout", "--env", "production", "-m", "errors");
    expect(killed.stdout).toContain("production: killed");
    const file = join(home, "rules.json");
    writeFileSync(
      file,
      JSON.stringify({
        rules: [
          {
            name: "new-app",
            constraints: [{ contextName: "appVersion", operator: "SEMVER_GT", value: "2.0.0" }],
          },
        ],
      }),
    );
    const set = await cli("flag", "set", "new-checkout", "--env", "production", "-f", file);
    expect(set.stdout).toContain("new-app: appVersion SEMVER_GT 2.0.0");
    const badPercent = await cli("flag", "rollout", "new-checkout", "150%", "--env", "production");
    expect(badPercent.code).not.toBe(0);
    expect(badPercent.stderr).toContain('"150%" is not a percentage');
    const badEnv = await cli("flag", "admins", "new-checkout", "--env", "staging");
    expect(badEnv.stderr).toContain('shop has no environment "staging" — it has production');
    const segment = await cli("flag", "segment", "set", "admins", "role IN admin,owner");
    expect(segment.stdout).toContain("Saved segment admins.");
    const badSegment = await cli("flag", "segment", "set", "staff", "role LIKE admin");
    expect(badSegment.stderr).toContain("is not a constraint");
    const key = await cli("flag", "key", "create", "--env", "production", "-n", "web");
    expect(key.stdout.trim()).toMatch(/^wnf_[\w-]{20,}$/);
  });
});
