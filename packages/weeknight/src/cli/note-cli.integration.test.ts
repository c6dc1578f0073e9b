import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliAs } from "../test-support/test-cli.js";
import { namedEnvironmentsYml } from "../test-support/test-repo.js";
import { startTestServer, type TestServer } from "../test-support/test-server.js";
import type { Announcement, ReleaseNotes } from "./api-types.js";

describe("weeknight notes and weeknight announce", () => {
  let t: TestServer;
  const home = mkdtempSync(join(tmpdir(), "weeknight-notes-cli-"));
  const cli = (...args: string[]) => runCliAs(args, { url: t.url, token: t.token, home });

  beforeAll(async () => {
    t = await startTestServer("sqlite");
    const yml = `${namedEnvironmentsYml("shop", ["production"])}changelog:\n  title: Shop news\n`;
    await t.addProject("shop", yml);
    const built = await t.waitForEvent((e) => e.type === "build.passed");
    const live = t.waitForEvent((e) => e.type === "deployment.succeeded");
    await t.api("POST", "/projects/shop/environments/production/deploy", {
      build: built.data.buildId,
    });
    await live;
  });
  afterAll(async () => {
    await t?.close();
    rmSync(home, { recursive: true, force: true });
  });

  it("lists a deploy's notes, edits them from a file, and says when nothing waits", async () => {
    const list = await cli("notes", "list", "production", "--json");
    const [notes] = JSON.parse(list.stdout) as ReleaseNotes[];
    expect(notes).toMatchObject({ environment: "production", customer: "" });
    const shown = await cli("notes", "list", "production");
    expect(shown.stdout).toContain(
      `Release notes ${notes?.id}: build #${notes?.buildId} to production`,
    );
    expect(shown.stdout).toContain("(nothing for customers)");
    const file = join(home, "notes.md");
    writeFileSync(file, "### New\n\n- The shop opens.\n");
    const edited = await cli("notes", "edit", String(notes?.id), "--customer-file", file);
    expect(edited.stdout).toContain(`Saved release notes ${notes?.id}.`);
    const next = await cli("notes", "next", "production");
    expect(next.stdout).toContain("Nothing waits to go to production.");
    const missing = await cli("notes", "edit", "1");
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain("give --customer-file, --internal-file or both");
  });

  it("drafts, edits and publishes an announcement that the public changelog shows", async () => {
    const drafted = await cli("announce", "draft", "--json");
    const draft = JSON.parse(drafted.stdout) as Announcement;
    expect(draft.publishedAt).toBeNull();
    const file = join(home, "news.md");
    writeFileSync(file, "We opened the **shop**.\n");
    const edited = await cli(
      "announce",
      "edit",
      String(draft.id),
      "--title",
      "Open!",
      "--file",
      file,
    );
    expect(edited.stdout).toContain(`Saved announcement ${draft.id}: Open!`);
    const published = await cli("announce", "publish", String(draft.id));
    expect(published.stdout).toContain(`Published announcement ${draft.id}: Open!`);
    const list = await cli("announce", "list");
    expect(list.stdout).toMatch(new RegExp(`${draft.id}\\s+Open!\\s+published`));
    const page = await (await fetch(`${t.url}/changelog/shop`)).text();
    expect(page).toContain("We opened the <strong>shop</strong>.");
    const again = await cli("announce", "publish", String(draft.id));
    expect(again.stderr).toContain("was already published by admin");
  });
});
