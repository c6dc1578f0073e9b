import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshotDir } from "./browser.js";
import { bob, type DashboardFixture, startDashboardFixture, viewer } from "./fixture.js";

/** A deployer whose username is the sample app's first author's (ada@example.com): she wrote part of the change. */
const author = { username: "ada", password: "ada-wrote-the-code" };
const blockReason = "support sees checkout errors";

// Production waits for approval of high-risk changes, deploys on a schedule inside weekday
// windows, and has a freeze in a few days: every control shows on the pages.
describe("risk and control, in a real browser against a real server", () => {
  let fixture: DashboardFixture;
  let browser: Browser;
  let viewerPage: Page;
  const contexts: BrowserContext[] = [];
  const envPath = "/projects/sample-app/environments/production";

  beforeAll(async () => {
    [fixture, browser] = await Promise.all([
      startDashboardFixture({ weeknightYml: controlYml }),
      launchBrowser(),
    ]);
    const added = await fixture.server.api("POST", "/users", { ...author, role: "deployer" });
    if (added.status !== 201) throw new Error(`add ${author.username}: ${JSON.stringify(added)}`);
    // Bob's push is built, goes to internal by itself and becomes production's candidate; the
    // change production would ship holds Ada's first commit too.
    await fixture.repo.pushChange("fixed", bob, "Greeting: capitalise names");
    await waitFor(async () => {
      const { body } = await fixture.server.api<{ candidate?: unknown }>(
        "GET",
        "/projects/sample-app/environments/production",
      );
      return Boolean(body.candidate);
    }, 150_000);
    viewerPage = await signedIn(viewer, { width: 1280, height: 900 });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await fixture?.close();
  });

  async function signedIn(
    who: { username: string; password: string },
    viewport: { width: number; height: number },
  ): Promise<Page> {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(fixture.server.url);
    await page.getByLabel("Username").fill(who.username);
    await page.getByLabel("Password").fill(who.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByTestId("overview").waitFor();
    return page;
  }

  const snap = (name: string, on: Page) =>
    on.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
  const banner = (on: Page) => on.getByTestId("blocks-banner");
  /** A block's line in the banner, by its reason (its Lift dialog repeats the reason). */
  const bannerLine = (on: Page, reason: string) => banner(on).locator("li", { hasText: reason });
  const shown = (on: Page, reason: string) =>
    banner(on).locator(".block-reason", { hasText: reason });

  it("shows the candidate's risk with its reasons, and what holds it", async () => {
    const page = viewerPage;
    await page.goto(`${fixture.server.url}${envPath}`);
    const control = page.getByTestId("control");
    await control.getByText(/high risk needs 1 approval/).waitFor();
    await control.getByText("Approvals 0 of 1").waitFor();
    const waiting = page.getByRole("region", { name: /What goes out tonight/ });
    await waiting
      .getByRole("heading")
      .getByTestId("risk")
      .filter({ hasText: "high risk" })
      .waitFor();
    await waiting
      .getByTestId("risk-reasons")
      .getByText(/changes the greeting service/)
      .waitFor();
    expect(await page.getByRole("button", { name: "Approve" }).count()).toBe(0);
  });

  it("lets a viewer block production; the banner shows on every page", async () => {
    const page = viewerPage;
    await page.getByRole("button", { name: "Block deploys" }).click();
    const dialog = page.getByRole("dialog");
    // The reason is required: the dialog says so and stays open.
    await dialog.getByRole("button", { name: "Block deploys" }).click();
    await dialog
      .getByRole("alert")
      .getByText(/Say why deploys should stop/)
      .waitFor();
    await dialog.getByLabel("Reason").fill(blockReason);
    await dialog.getByLabel("Lasts").selectOption("2h");
    await dialog.getByRole("button", { name: "Block deploys" }).click();
    await banner(page)
      .getByText(new RegExp(`production of sample-app blocked by ${viewer.username}`))
      .waitFor();
    await banner(page)
      .getByText(/\(until .*\d\d:\d\d\)/)
      .waitFor();
    await page
      .getByTestId("control")
      .getByText(/production is blocked by vera/)
      .waitFor();
    await snap("control-environment", page);

    const nav = page.getByRole("navigation", { name: "Main" });
    for (const link of ["Overview", "Alerts", "Incidents", "Calendar", "Audit"]) {
      await nav.getByRole("link", { name: link }).click();
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      await shown(page, blockReason).waitFor();
    }
    await page.goto(`${fixture.server.url}/projects/sample-app`);
    await shown(page, blockReason).waitFor();
    // The project page can stop every environment at once.
    await page.getByRole("button", { name: "Block all deploys" }).waitFor();
  });

  it("shows the risk badge on the overview, its reasons behind a disclosure", async () => {
    const page = viewerPage;
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Overview" })
      .click();
    const cell = page.getByTestId("env-sample-app-production");
    // Blocks come first among the holds; the cell shows the first and counts the rest.
    await cell.getByText(/Waiting: production is blocked by vera/).waitFor();
    await cell.getByTestId("risk").filter({ hasText: "high risk" }).first().click();
    await cell
      .getByTestId("risk-reasons")
      .getByText(/changes the greeting service/)
      .waitFor();
    await cell.getByRole("button", { name: "Block deploys to production of sample-app" }).waitFor();
    await snap("control-overview", page);
  });

  it("a viewer cannot lift someone else's block; a deployer lifts it", async () => {
    const placed = await fixture.server.api<{ id: number }>("POST", "/projects/sample-app/blocks", {
      environment: "internal",
      reason: "QA is testing the release",
    });
    expect(placed.status).toBe(201);
    const page = viewerPage;
    const adminsLine = page.getByTestId(`block-${placed.body.id}`);
    await adminsLine.locator(".block-reason", { hasText: "QA is testing the release" }).waitFor();
    expect(await adminsLine.getByRole("button", { name: /Lift/ }).count()).toBe(0);
    const status = await page.evaluate(async (id) => {
      const session = await (await fetch("/api/v1/auth/session")).json();
      const response = await fetch(`/api/v1/blocks/${id}/lift`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-csrf-token": session.csrfToken },
        body: "{}",
      });
      return response.status;
    }, placed.body.id);
    expect(status).toBe(403);
    await bannerLine(page, blockReason).getByRole("button", { name: /Lift/ }).waitFor();

    // A deployer on a phone: the banner wraps, and every block has a Lift button for her.
    const phone = await signedIn(author, { width: 375, height: 812 });
    await phone.goto(`${fixture.server.url}${envPath}`);
    await shown(phone, blockReason).waitFor();
    await snap("control-environment-phone", phone);
    await bannerLine(phone, "QA is testing the release")
      .getByRole("button", { name: /Lift/ })
      .waitFor();
    await bannerLine(phone, blockReason).getByRole("button", { name: /Lift/ }).click();
    const dialog = phone.getByRole("dialog");
    await dialog.getByLabel(/Why lift it/).fill("errors are gone");
    await dialog.getByRole("button", { name: "Lift the block" }).click();
    await shown(phone, blockReason).waitFor({ state: "detached" });
    // The viewer's page hears of it live.
    await shown(page, blockReason).waitFor({ state: "detached" });
    await shown(page, "QA is testing the release").waitFor();
  });

  it("refuses an approval from the change's author, in the dialog", async () => {
    const phone = contexts.at(-1)?.pages()[0];
    if (!phone) throw new Error("the deployer's page is gone");
    await phone.getByRole("button", { name: "Approve" }).click();
    const dialog = phone.getByRole("dialog");
    await dialog.getByRole("button", { name: "Approve" }).click();
    await dialog
      .getByRole("alert")
      .getByText(/ada wrote [0-9a-f]{7}/)
      .waitFor();
    await snap("control-approve-refused-phone", phone);
    await dialog.getByRole("button", { name: "Cancel" }).click();
  });

  it("lets an admin who wrote none of it approve; the approval counts", async () => {
    const page = await signedIn(fixture.admin, { width: 1280, height: 900 });
    await page.goto(`${fixture.server.url}${envPath}`);
    await page.getByRole("button", { name: "Approve" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel(/Comment/).fill("read every commit");
    await dialog.getByRole("button", { name: "Approve" }).click();
    const control = page.getByTestId("control");
    await control.getByText("Approvals 1 of 1").waitFor();
    await control.getByText(new RegExp(`${fixture.admin.username} \\(just now\\)`)).waitFor();
    await control.getByText(/You approved build #\d+/).waitFor();
    await control.getByText(/needs 1 approval/).waitFor({ state: "detached" });
    // The viewer's environment page follows live.
    await viewerPage.goto(`${fixture.server.url}${envPath}`);
    await viewerPage.getByTestId("control").getByText("Approvals 1 of 1").waitFor();
  });

  it("shows the calendar: scheduled runs, the freeze and the windows", async () => {
    const page = viewerPage;
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Calendar" })
      .click();
    const rules = page.getByTestId("calendar-rules");
    await rules.getByText("* 0-23 * * 1-5").waitFor();
    await rules.getByText("Launch week").waitFor();
    const agenda = page.getByTestId("agenda");
    expect(await agenda.getByTestId("run").count()).toBeGreaterThan(5);
    await agenda
      .getByText(/frozen: Launch week/)
      .first()
      .waitFor();
    await agenda.getByText("frozen (Launch week)").first().waitFor();
    await snap("control-calendar", page);
  });

  it("shows who blocked, lifted and approved in the audit log, filtered in the URL", async () => {
    const page = viewerPage;
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Audit" })
      .click();
    const log = page.getByTestId("audit");
    await log.getByRole("row", { name: new RegExp(`${viewer.username} block`) }).waitFor();
    await log.getByRole("row", { name: new RegExp(`${author.username} unblock`) }).waitFor();
    await log.getByRole("row", { name: new RegExp(`${fixture.admin.username} approve`) }).waitFor();
    await snap("control-audit", page);

    await page.getByLabel("Action").fill("block");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/[?&]action=block\b/);
    await log.getByRole("row", { name: /unblock/ }).waitFor({ state: "detached" });
    const actions = await log.locator(".audit-action").allTextContents();
    expect(new Set(actions)).toEqual(new Set(["block"]));
    await log.getByText(new RegExp(`reason: ${blockReason}`)).waitFor();
  });

  it("lets an admin deploy a held candidate anyway, with a reason; the deployment follows", async () => {
    const freeze = "hold production for the payment audit";
    const placed = await fixture.server.api<{ id: number }>("POST", "/projects/sample-app/blocks", {
      environment: "production",
      reason: freeze,
    });
    expect(placed.status).toBe(201);
    const { body: env } = await fixture.server.api<{ candidate: { buildId: number } }>(
      "GET",
      "/projects/sample-app/environments/production",
    );
    // A deployer sees the hold but cannot force past it.
    const deployer = await signedIn(author, { width: 1280, height: 900 });
    await deployer.goto(`${fixture.server.url}${envPath}`);
    await deployer.getByTestId("holds").getByText(freeze).waitFor();
    await deployer.getByRole("button", { name: "Deploy candidate" }).waitFor();
    expect(await deployer.getByRole("button", { name: "Deploy anyway…" }).count()).toBe(0);

    const page = await signedIn(fixture.admin, { width: 1280, height: 900 });
    await page.goto(`${fixture.server.url}${envPath}`);
    await page.getByTestId("holds").getByText(freeze).waitFor();
    await page.getByRole("button", { name: "Deploy anyway…" }).click();
    const dialog = page.getByRole("dialog");
    await dialog
      .getByRole("heading", {
        name: `Deploy build #${env.candidate.buildId} to production anyway?`,
      })
      .waitFor();
    await dialog.getByTestId("force-holds").getByText(freeze).waitFor();
    // The reason is required: the dialog says so and stays open.
    await dialog.getByRole("button", { name: "Deploy anyway", exact: true }).click();
    await dialog
      .getByRole("alert")
      .getByText(/Say why this deploy cannot wait/)
      .waitFor();
    await dialog.getByLabel("Reason").fill("hotfix for the checkout, agreed with support");
    // Typing the reason clears the complaint about a missing one.
    await dialog.getByRole("alert").waitFor({ state: "detached" });
    await snap("control-force-deploy", page);
    await dialog.getByRole("button", { name: "Deploy anyway", exact: true }).click();
    await dialog.waitFor({ state: "hidden" });
    const panel = page.locator(".deployment-panel");
    await panel.getByText(`Build #${env.candidate.buildId}`).waitFor();
    await panel.getByText(`Manual by ${fixture.admin.username}`).waitFor();
    await page
      .getByTestId("deployment-step")
      .filter({ hasText: "succeeded" })
      .waitFor({ timeout: 90_000 });
    // The candidate is live now: nothing is left to force.
    await page.getByRole("button", { name: "Deploy anyway…" }).waitFor({ state: "detached" });
    await snap("control-force-deployed", page);

    const audit = await fixture.server.api<{ details: { reason?: string; holds?: string[] } }[]>(
      "GET",
      "/audit?action=deploy.forced",
    );
    expect(audit.body[0]?.details.reason).toBe("hotfix for the checkout, agreed with support");
    expect(audit.body[0]?.details.holds?.some((hold) => hold.includes(freeze))).toBe(true);
    await fixture.server.api("POST", `/blocks/${placed.body.id}/lift`, { reason: "audit done" });
  });

  it("lets a deployer mark a build as fixing an open incident", async () => {
    const { body: env } = await fixture.server.api<{ live: { buildId: number } }>(
      "GET",
      "/projects/sample-app/environments/production",
    );
    const opened = await fixture.server.api<{ id: number }>("POST", "/incidents", {
      project: "sample-app",
      environment: "production",
      title: "checkout answers 500",
      severity: "sev1",
    });
    expect(opened.status).toBe(201);
    const incidentPath = `${fixture.server.url}/incidents/${opened.body.id}`;

    await viewerPage.goto(incidentPath);
    await viewerPage.getByTestId("incident-page").waitFor();
    expect(await viewerPage.getByRole("button", { name: "Mark a fix…" }).count()).toBe(0);

    const page = await signedIn(author, { width: 1280, height: 900 });
    await page.goto(incidentPath);
    await page.getByRole("button", { name: "Mark a fix…" }).click();
    const dialog = page.getByRole("dialog");
    const build = dialog.getByLabel("Build number");
    const mark = dialog.getByRole("button", { name: "Mark as fix" });
    // A build that does not exist: the server's sentence, in the dialog.
    await build.fill("99999");
    await mark.click();
    await dialog.getByRole("alert").getByText(/99999/).waitFor();
    await build.fill(String(env.live.buildId));
    await mark.click();
    await page
      .getByTestId("incident-fix-marked")
      .getByText(
        `Build #${env.live.buildId} is marked as fixing INC-${opened.body.id}: defects-first lets it through`,
      )
      .waitFor();
    await snap("control-incident-fix", page);

    // The same build again: the API's 409 shows in the dialog.
    await page.getByRole("button", { name: "Mark a fix…" }).click();
    await build.fill(`#${env.live.buildId}`);
    await mark.click();
    await dialog
      .getByRole("alert")
      .getByText(/already marked as fixing/)
      .waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
  });
});

/**
 * The sample app with a risk policy on production: every change to src/ is high risk and needs
 * one approval; it deploys daily at an hour far from now (so the schedule never fires during the
 * test) on weekdays only, and freezes for two days from the day after tomorrow.
 */
function controlYml(yml: string): string {
  const now = new Date();
  const hour = (now.getUTCHours() + 12) % 24;
  const day = (offset: number) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offset))
      .toISOString()
      .slice(0, 10);
  const production = [
    "  production:",
    `    deploy: { schedule: "0 ${hour} * * *", timezone: UTC }`,
    '    windows: ["* 0-23 * * 1-5"]',
    "    freezes:",
    `      - { name: Launch week, from: ${day(2)}, to: ${day(3)} }`,
  ].join("\n");
  const risk = [
    "risk:",
    "  rules:",
    '    - paths: ["src/**"]',
    "      level: high",
    "      reason: changes the greeting service",
    "",
  ].join("\n");
  // The sample's own rules give way to one every change matches; its production policy stays.
  return yml
    .replace(/^risk:\n(?: .*\n)+/m, risk)
    .replace(/ {2}production:\n\s+deploy: on-green/, production);
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
