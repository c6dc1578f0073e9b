import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshotDir, signIn } from "./browser.js";
import { bob, type DashboardFixture, startDashboardFixture, viewer } from "./fixture.js";

const deployer = { username: "dana", password: "dana-writes-the-notes" };
const envPath = "/projects/sample-app/environments/production";
const changelogTab = "/projects/sample-app/changelog";
const customerText = "Greetings now spell your name with a capital letter.";
/** Typed by a person: it must stay text everywhere, never markup. */
const typedHtml = "<b>not bold</b>";

// One server and one browser; the steps build on each other, as a person would take them. The
// sample app's weeknight.yml has `changelog:`, so production deploys publish their notes.
describe("release notes, the public changelog and announcements, in a real browser", () => {
  let fixture: DashboardFixture;
  let browser: Browser;
  let page: Page;
  let publishedNotesId = 0;

  beforeAll(async () => {
    [fixture, browser] = await Promise.all([startDashboardFixture(), launchBrowser()]);
    const added = await fixture.server.api("POST", "/users", { ...deployer, role: "deployer" });
    if (added.status !== 201) throw new Error(`add ${deployer.username}: ${JSON.stringify(added)}`);
    // A Conventional Commit: its subject is what customers read, unless someone edits it.
    await fixture.repo.pushChange("fixed", bob, "fix(greeting): capitalise names");
    await waitFor(async () => {
      const { body } = await fixture.server.api<{ candidate: unknown }>(
        "GET",
        "/projects/sample-app/environments/production",
      );
      return Boolean(body.candidate);
    }, 150_000);
    page = await signedIn(deployer);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await fixture?.close();
  });

  const signedIn = (who: { username: string; password: string }) =>
    signIn(browser, fixture.server.url, who);

  const snap = (name: string, on: Page = page) =>
    on.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
  const next = (on: Page = page) => on.getByTestId("notes-next");

  it("shows what goes out next to production: customer notes, commits, team notes", async () => {
    await page.goto(`${fixture.server.url}${envPath}`);
    await next().getByRole("heading", { name: "Goes out next" }).waitFor();
    await next().locator(".note-customer").getByText("Capitalise names.").waitFor();
    const commits = next().getByTestId("note-entries").getByRole("listitem");
    const fix = commits.filter({ hasText: "capitalise names" });
    await fix.getByText("fix", { exact: true }).waitFor();
    await fix.getByText("greeting:").waitFor();
    // The first commit is no Conventional Commit: the team sees it, customers do not.
    await commits
      .filter({ hasText: "greeting service with unit and integration tests" })
      .getByText("team only")
      .waitFor();
    // The team's notes are behind a disclosure.
    const team = next().locator("details.note-team");
    expect(await team.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(false);
    await team.getByText("For the team").click();
    await team.getByRole("heading", { name: "Fixes" }).waitFor();
    await team.getByRole("heading", { name: "Other changes" }).waitFor();
    await snap("notes-next");
  });

  it("edits the customer notes before the deploy; typed HTML stays text", async () => {
    await next().getByRole("button", { name: "Edit" }).click();
    const dialog = page.getByRole("dialog");
    const customer = dialog.getByLabel("For customers (markdown)");
    expect(await customer.inputValue()).toContain("Capitalise names");
    await customer.fill(`### Fixed\n\n- ${customerText}\n- ${typedHtml}\n`);
    await dialog.getByRole("button", { name: "Save notes" }).click();
    await dialog.waitFor({ state: "hidden" });
    const shown = next().locator(".note-customer");
    await shown.getByRole("listitem").filter({ hasText: customerText }).waitFor();
    await shown.getByText(typedHtml, { exact: true }).waitFor();
    expect(await shown.locator("b").count()).toBe(0);
    await next().getByText(`edited by ${deployer.username}`).waitFor();
  });

  it("deploys: the notes are published, linked to their entry on the public changelog", async () => {
    await page.getByRole("button", { name: "Deploy candidate" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Deploy", exact: true }).click();
    await page
      .getByTestId("deployment-step")
      .filter({ hasText: "succeeded" })
      .waitFor({ timeout: 120_000 });
    const notes = page.getByTestId("release-notes");
    await notes.getByText("Nothing waits to go out to production").waitFor();
    const published = notes
      .locator("article")
      .filter({ has: page.getByTestId("note-state").filter({ hasText: "published" }) });
    await published.locator(".note-customer").getByText(customerText).waitFor();
    const link = published.getByRole("link", { name: "On the changelog" });
    const href = (await link.getAttribute("href")) ?? "";
    expect(href).toMatch(/^\/changelog\/sample-app#release-\d+$/);
    publishedNotesId = Number(href.split("#release-")[1]);
    await snap("notes-published");

    // The public page: no sign-in, no script; the entry is where the link points.
    await link.click();
    await page.waitForURL(`**/changelog/sample-app#release-${publishedNotesId}`);
    const entry = page.locator(`article#release-${publishedNotesId}`);
    await entry.getByText(customerText).waitFor();
    await entry.getByText(typedHtml, { exact: true }).waitFor();
    await page.getByRole("heading", { level: 1, name: "Sample app: what's new" }).waitFor();
    await snap("changelog-public-release");
  });

  it("lists the published notes on the Changelog tab with the public page and both feeds", async () => {
    await page.goto(`${fixture.server.url}/projects/sample-app`);
    await page
      .getByRole("navigation", { name: "sample-app sections" })
      .getByRole("link", { name: "Changelog" })
      .click();
    await page.waitForURL(`**${changelogTab}`);
    const entries = page.getByTestId("changelog-entries");
    await entries.getByText(customerText).waitFor();
    expect(
      await entries.getByRole("link", { name: /^Released \d+ \w+ \d{4}$/ }).getAttribute("href"),
    ).toBe(`/changelog/sample-app#release-${publishedNotesId}`);
    const feeds = page.getByRole("navigation", { name: "Public changelog" });
    expect(await feeds.getByRole("link", { name: "Atom" }).getAttribute("href")).toBe(
      "/changelog/sample-app/feed.atom",
    );
    expect(await feeds.getByRole("link", { name: "JSON Feed" }).getAttribute("href")).toBe(
      "/changelog/sample-app/feed.json",
    );
    expect(await page.getByTestId("no-changelog").count()).toBe(0);
    await page.getByText("No announcements yet").waitFor();
  });

  it("drafts an announcement, edits it beside a preview, publishes it for customers", async () => {
    await page.getByRole("button", { name: "New draft" }).click();
    await page.waitForURL(/\/projects\/sample-app\/announcements\/\d+$/);
    const id = Number(page.url().split("/").at(-1));
    await page.getByRole("heading", { level: 1, name: /Draft announcement/ }).waitFor();
    const form = page.getByRole("form", { name: "Edit the announcement" });
    // The draft gathered the customer lines of the notes published since the last one.
    expect(await form.getByLabel("Title").inputValue()).toMatch(/^What's new in /);
    expect(await form.getByLabel("Text (markdown)").inputValue()).toContain(customerText);

    await form.getByLabel("Title").fill("Names, properly");
    await form
      .getByLabel("Text (markdown)")
      .fill(
        "Hello **everyone**.\n\n- Names get a capital letter\n- [Read more](https://example.com/names)\n\n<script>alert(1)</script>\n",
      );
    const preview = page.getByTestId("announcement-preview");
    await preview.getByRole("heading", { name: "Names, properly" }).waitFor();
    await preview.locator("strong", { hasText: "everyone" }).waitFor();
    expect(await preview.getByRole("link", { name: "Read more" }).getAttribute("href")).toBe(
      "https://example.com/names",
    );
    await preview.getByText("<script>alert(1)</script>").waitFor();
    await form.getByText("Unsaved changes").waitFor();
    await form.getByRole("button", { name: "Save" }).click();
    await form.getByText("Saved").waitFor();
    await page.reload();
    expect(await page.getByLabel("Title").inputValue()).toBe("Names, properly");
    await snap("announcement-editor");

    await page.getByRole("button", { name: "Publish" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Publish it" }).click();
    await page.getByRole("heading", { level: 1, name: /published/ }).waitFor();
    await page.getByRole("link", { name: "its public entry" }).click();
    await page.waitForURL(`**/changelog/sample-app#announcement-${id}`);
    // The page was seen a minute ago and is cacheable for 60 s: ask the server again.
    await page.reload();
    const entry = page.locator(`article#announcement-${id}`);
    await entry.getByRole("heading", { name: "Names, properly" }).waitFor();
    await entry.getByText("Announcement", { exact: true }).waitFor();
    await entry.getByText("<script>alert(1)</script>").waitFor();
    await snap("changelog-public");
  });

  it("lists drafts and published announcements; a draft can be discarded", async () => {
    await page.goto(`${fixture.server.url}${changelogTab}`);
    const table = page.getByTestId("announcements");
    await table
      .getByRole("row", { name: /Names, properly/ })
      .getByText("published")
      .waitFor();
    await page.getByRole("button", { name: "New draft" }).click();
    await page.waitForURL(/\/announcements\/\d+$/);
    const draftId = Number(page.url().split("/").at(-1));
    await page.getByRole("link", { name: "Changelog" }).click();
    const draft = page.getByTestId(`announcement-${draftId}`);
    await draft.getByText("draft", { exact: true }).waitFor();
    // Published ones can neither be published again nor discarded.
    const publishedRow = table.getByRole("row", { name: /Names, properly/ });
    expect(await publishedRow.getByRole("button").count()).toBe(0);
    await page.getByTestId("changelog-entries").getByText("Names, properly").waitFor();
    await snap("changelog-tab");

    await draft.getByRole("button", { name: "Discard" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Discard the draft" }).click();
    await draft.waitFor({ state: "detached" });
    expect(await table.getByRole("row").count()).toBe(2);
  });

  it("shows a viewer the notes and announcements without a button that changes them", async () => {
    const viewerPage = await signedIn(viewer);
    await viewerPage.goto(`${fixture.server.url}${envPath}`);
    const notes = viewerPage.getByTestId("release-notes");
    await notes.locator(".note-customer").getByText(customerText).waitFor();
    expect(await notes.getByRole("button", { name: "Edit" }).count()).toBe(0);
    await viewerPage.goto(`${fixture.server.url}${changelogTab}`);
    await viewerPage
      .getByTestId("announcements")
      .getByRole("link", { name: "Names, properly", exact: true })
      .waitFor();
    for (const name of ["New draft", "Publish", "Discard"]) {
      expect(await viewerPage.getByRole("button", { name }).count()).toBe(0);
    }
    await viewerPage.context().close();
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
