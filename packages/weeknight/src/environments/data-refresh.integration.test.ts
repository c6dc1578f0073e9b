import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestRepo } from "../test-support/test-repo.js";
import { startTestServer, type TestServer } from "../test-support/test-server.js";

describe("refreshing internal with production's data", () => {
  let t: TestServer;
  let data: string;
  beforeAll(async () => {
    t = await startTestServer("sqlite");
    data = mkdtempSync(join(tmpdir(), "weeknight-data-"));
  });
  afterAll(async () => {
    await t?.close();
    rmSync(data, { recursive: true, force: true });
  });

  const env = (name: string, extra: string[]) => [
    `  ${name}:`,
    `    target: { type: command, deploy: "true", rollback: "true" }`,
    ...extra,
  ];

  it("restores production's latest backup on internal and scrubs the customers' emails", async () => {
    const prod = join(data, "prod.txt");
    const internal = join(data, "internal.txt");
    writeFileSync(prod, "ada@customer.com paid 42\n");
    writeFileSync(internal, "stale test data\n");
    const yml = [
      "project: data",
      "build:",
      "  stages:",
      "    - name: test",
      '      run: "true"',
      "environments:",
      ...env("production", [
        `    backup: { run: "cp ${prod} $WEEKNIGHT_BACKUP_FILE", restore: "cp $WEEKNIGHT_BACKUP_FILE ${prod}" }`,
      ]),
      ...env("internal", [
        `    backup: { run: "cp ${internal} $WEEKNIGHT_BACKUP_FILE", restore: "cp $WEEKNIGHT_BACKUP_FILE ${internal}" }`,
        `    data: { refresh_from: production, scrub: "sed -i 's/@customer.com/@example.invalid/' ${internal}" }`,
      ]),
      "",
    ].join("\n");
    const repo = await createTestRepo({ files: { "weeknight.yml": yml } });
    await t.api("POST", "/projects", { name: "data", repoUrl: repo.dir, poll: "100ms" });
    await t.waitForEvent((e) => e.type === "build.passed" && e.data.project === "data");

    const noBackup = await t.api<{ error: { message: string } }>(
      "POST",
      "/projects/data/environments/internal/data/refresh",
    );
    expect(noBackup.status).toBe(409);
    expect(noBackup.body.error.message).toContain("production has no ok backup yet");

    expect((await t.api("POST", "/projects/data/environments/production/backups", {})).status).toBe(
      201,
    );
    const refreshed = await t.api<{ from: string; backupId: number }>(
      "POST",
      "/projects/data/environments/internal/data/refresh",
    );
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.from).toBe("production");
    expect(readFileSync(internal, "utf8")).toBe("ada@example.invalid paid 42\n");
    expect(readFileSync(prod, "utf8")).toBe("ada@customer.com paid 42\n");

    const notConfigured = await t.api<{ error: { message: string } }>(
      "POST",
      "/projects/data/environments/production/data/refresh",
    );
    expect(notConfigured.status).toBe(400);
    expect(notConfigured.body.error.message).toContain("no data: section");
    repo.remove();
  });
});
