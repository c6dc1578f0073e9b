import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTraffic } from "../../weeknight/src/demo/demo-deploys.js";
import { launchBrowser, screenshotDir } from "./browser.js";
import { bob, type DashboardFixture, startDashboardFixture, viewer } from "./fixture.js";

// One server and one browser for the whole story, told in order: each step needs the last.
describe("the dashboard, in a real browser against a real server", () => {
  let fixture: DashboardFixture;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [fixture, browser] = await Promise.all([startDashboardFixture(), launchBrowser()]);
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  });

  afterAll(async () => {
    await browser?.close();
    await fixture?.close();
  });

  const snap = (name: string, on: Page = page) =>
    on.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });

  it("signs in with a password; a wrong one is refused with a message", async () => {
    await page.goto(fixture.server.url);
    await page.getByLabel("Username").fill(fixture.admin.username);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").waitFor();
    await snap("sign-in");

    await signIn(page, fixture.admin);
    await page.getByTestId("overview").waitFor();
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === "weeknight_session");
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe("Strict");
  });

  it("shows a build go from running to passed live, without a reload", async () => {
    await page.goto(`${fixture.server.url}/projects/sample-app`);
    await page.getByRole("heading", { name: "sample-app" }).first().waitFor();
    const navigations: string[] = [];
    page.on("framenavigated", (frame) => navigations.push(frame.url()));

    await fixture.repo.pushChange("fixed", bob, "Greeting: capitalise names");
    const row = page.getByTestId("builds").locator("tr", { hasText: "Greeting: capitalise names" });
    await row.getByText("running").waitFor({ timeout: 30_000 });
    await row.getByText("passed").waitFor({ timeout: 60_000 });
    expect(navigations).toEqual([]);
    await snap("project");
  });

  it("reads the build's log, searches it and sees its stages", async () => {
    await page.getByTestId("builds").getByRole("link", { name: /#1\b/ }).first().click();
    await page.getByTestId("build-status").filter({ hasText: "passed" }).waitFor();
    const log = page.getByTestId("build-log");
    await log
      .getByText(/pass \d+/)
      .first()
      .waitFor();
    await page.getByLabel("Search log").fill("pass");
    await page.locator("[data-testid=build-log] mark").first().waitFor();
    for (const stage of ["prepare", "unit", "integration"]) {
      await page.getByText(stage, { exact: true }).first().waitFor();
    }
    await snap("build");
  });

  it("deploys the candidate to production from the environment page", async () => {
    // The green build went to internal on its own (on-green); production waits for a person.
    await waitFor(async () => {
      const { body } = await fixture.server.api<{ candidate: unknown }>(
        "GET",
        "/projects/sample-app/environments/production",
      );
      return body.candidate !== null;
    });
    await page.goto(`${fixture.server.url}/projects/sample-app/environments/production`);
    await page.getByTestId("waiting-commits").getByText("Greeting: capitalise names").waitFor();
    await page.getByRole("button", { name: "Deploy candidate" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Deploy", exact: true }).click();
    await page
      .getByTestId("deployment-step")
      .filter({ hasText: "succeeded" })
      .waitFor({ timeout: 60_000 });
    await page.getByTestId("deployment-timeline").locator("[data-step=health-check]").waitFor();
    await page.getByTestId("live-release").getByText("Greeting: capitalise names").waitFor();
    await snap("environment");
  });

  it("shows a bad release roll back live, and the overview raises a red banner", async () => {
    await fixture.repo.pushChange("bad-release", bob, "Greeting: serve greetings from a cache");
    await waitFor(async () => {
      const { body } = await fixture.server.api<{ candidate: { message?: string } | null }>(
        "GET",
        "/projects/sample-app/environments/production",
      );
      return body.candidate?.message?.includes("cache") === true;
    }, 120_000);
    await page.getByTestId("waiting-commits").getByText("serve greetings from a cache").waitFor();
    await page.getByRole("button", { name: "Deploy candidate" }).click();
    // Customers use the site during the canary; the agent sees the errors and switches back.
    await withTraffic(
      `${fixture.urls.production}/?name=customer`,
      (async () => {
        await page.getByRole("dialog").getByRole("button", { name: "Deploy", exact: true }).click();
        await page
          .getByTestId("deployment-step")
          .filter({ hasText: "rolled-back" })
          .waitFor({ timeout: 90_000 });
      })(),
    );
    await page.getByTestId("deployment-timeline").locator("[data-step=canary]").waitFor();
    await page.getByTestId("deployment-timeline").locator("[data-step=rolled-back]").waitFor();
    await snap("environment-rolled-back");

    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Overview" })
      .click();
    await page
      .getByTestId("failure-banner")
      .getByText(/production/)
      .waitFor();
    await page.getByTestId("env-sample-app-production").waitFor();
    await snap("overview");
  });

  it("lets an admin manage settings", async () => {
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Settings" })
      .click();
    await page.getByRole("row", { name: new RegExp(`\\b${viewer.username}\\b`) }).waitFor();
    await snap("settings-users");

    const settings = page.getByRole("navigation", { name: "Settings sections" });
    await settings.getByRole("link", { name: "API tokens" }).click();
    await page.getByLabel("Token name").fill("ci-deploys");
    await page.getByRole("button", { name: "Create token" }).click();
    await page.getByText(/wkn_/).first().waitFor();

    await settings.getByRole("link", { name: "Notifications" }).click();
    await page.getByRole("button", { name: "Send test" }).first().click();
    await page.getByText("delivered").first().waitFor();
    await snap("settings-notifications");

    await settings.getByRole("link", { name: "Secrets" }).click();
    await page.getByLabel("Name", { exact: true }).fill("E2E_SECRET");
    await page.getByLabel("Value").fill("write-only-value");
    await page.getByRole("button", { name: "Save secret" }).click();
    await page
      .getByRole("status")
      .getByText(/Saved E2E_SECRET/)
      .waitFor();
    expect(await page.content()).not.toContain("write-only-value");
  });

  it("a viewer sees everything but cannot deploy, and the API refuses if they try", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const phone = await context.newPage();
    await phone.goto(fixture.server.url);
    await signIn(phone, viewer);
    await phone.getByTestId("overview").waitFor();
    await snap("overview-phone", phone);
    await phone.goto(`${fixture.server.url}/projects/sample-app/environments/production`);
    await phone.getByTestId("live-release").waitFor();
    expect(await phone.getByRole("button", { name: "Deploy candidate" }).count()).toBe(0);
    expect(await phone.getByRole("button", { name: "Roll back" }).count()).toBe(0);
    expect(await phone.getByRole("link", { name: "Settings" }).count()).toBe(0);

    const status = await phone.evaluate(async () => {
      const session = await (await fetch("/api/v1/auth/session")).json();
      const response = await fetch("/api/v1/projects/sample-app/environments/production/deploy", {
        method: "POST",
        headers: { "content-type": "application/json", "x-csrf-token": session.csrfToken },
        body: "{}",
      });
      return response.status;
    });
    expect(status).toBe(403);
    await context.close();
  });

  it("starts a build, follows its log live and cancels it", async () => {
    await page.goto(`${fixture.server.url}/projects/sample-app`);
    await page.getByRole("button", { name: "Build now" }).click();
    await page.getByRole("link", { name: /^build #\d+$/ }).click();
    await page.getByTestId("build-status").filter({ hasText: "running" }).waitFor();
    // The first stage sleeps: its start reaches the open page as a live log line.
    await page.getByTestId("build-log").getByText("stage prepare: sleep 2").waitFor();
    await page.getByRole("button", { name: "Cancel build" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Cancel build" }).click();
    await page.getByTestId("build-status").filter({ hasText: "cancelled" }).waitFor();
  });

  it("signs out, and the page asks to sign in again", async () => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(`${fixture.server.url}/projects/sample-app`);
    await page.getByTestId("builds").waitFor();
    await snap("project-dark");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("button", { name: "Sign in" }).waitFor();
  });
});

async function signIn(page: Page, who: { username: string; password: string }) {
  await page.getByLabel("Username").fill(who.username);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
