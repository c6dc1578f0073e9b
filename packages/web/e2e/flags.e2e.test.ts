import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshotDir, signIn } from "./browser.js";
import { bob, type DashboardFixture, startDashboardFixture, viewer } from "./fixture.js";

const deployer = { username: "dana", password: "dana-ships-dark" };
const flagsPath = "/projects/sample-app/flags";
const flagPath = `${flagsPath}/new-checkout`;

// One server and one browser; the steps build on each other, as a person would take them.
describe("feature flags, in a real browser against a real server", () => {
  let fixture: DashboardFixture;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [fixture, browser] = await Promise.all([
      startDashboardFixture({ weeknightYml: nothingDeploysByItself }),
      launchBrowser(),
    ]);
    const added = await fixture.server.api("POST", "/users", { ...deployer, role: "deployer" });
    if (added.status !== 201) throw new Error(`add ${deployer.username}: ${JSON.stringify(added)}`);
    // Flags live in the environments of the newest green build's weeknight.yml.
    await fixture.repo.pushChange("fixed", bob, "Greeting: capitalise names");
    await waitFor(async () => {
      const { body } = await fixture.server.api<unknown[]>(
        "GET",
        "/projects/sample-app/environments",
      );
      return Array.isArray(body) && body.length === 2;
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
  const panel = (on: Page = page) => on.getByTestId("flag-environment");
  const stage = (on: Page, label: string) =>
    panel(on).getByRole("heading").getByTestId("flag-stage").filter({ hasText: label });

  it("creates a flag in the New flag dialog and opens its page", async () => {
    await page.goto(`${fixture.server.url}/projects/sample-app`);
    await page
      .getByRole("navigation", { name: "sample-app sections" })
      .getByRole("link", { name: "Flags" })
      .click();
    await page.getByText("No flags yet").waitFor();
    await page.getByRole("button", { name: "New flag" }).click();
    const dialog = page.getByRole("dialog");
    // A key the SDKs could not ask for: the dialog says so and stays open.
    await dialog.getByLabel("Key").fill("New Checkout");
    await dialog.getByRole("button", { name: "Create flag" }).click();
    await dialog
      .getByRole("alert")
      .getByText(/is not a flag key/)
      .waitFor();
    await dialog.getByLabel("Key").fill("new-checkout");
    await dialog.getByLabel("Type").selectOption("release");
    await dialog.getByLabel("Description").fill("the one-page checkout");
    await dialog.getByRole("button", { name: "Create flag" }).click();
    await page.waitForURL(`**${flagPath}`);
    await page.getByRole("heading", { level: 1, name: /new-checkout/ }).waitFor();
    await page.locator(".flag-summary").getByText("the one-page checkout").waitFor();
    await stage(page, "off").waitFor();
  });

  it("turns it on for admins, then two customers, then 10 % of customers in production", async () => {
    await page.getByTestId("flag-tab-production").click();
    await page.waitForURL(/[?&]env=production/);
    await panel()
      .getByRole("heading", { name: /^production/ })
      .waitFor();

    await panel().getByRole("button", { name: "Admins only" }).click();
    await stage(page, "admins").waitFor();
    await panel().getByTestId("flag-rules").getByText("segment admins").waitFor();

    await panel().getByRole("button", { name: "Customers…" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Customer ids").fill("acme, globex");
    await dialog.getByText("2 customers").waitFor();
    await dialog.getByRole("button", { name: "Save customers" }).click();
    await stage(page, "customers (2)").waitFor();
    await panel().getByTestId("flag-rules").getByText("customerId IN acme, globex").waitFor();

    const rollout = panel().getByRole("form", { name: /^Rollout of new-checkout/ });
    await rollout.getByRole("slider", { name: "Rollout" }).fill("10");
    await rollout.getByTestId("rollout-value").filter({ hasText: "10 %" }).waitFor();
    await rollout.getByLabel("Sticky by").selectOption("customerId");
    await rollout.getByRole("button", { name: "Apply" }).click();
    await stage(page, "10 %").waitFor();
    await panel().getByTestId("flag-rules").getByText("10 % by customerId").waitFor();
    // The other environment is untouched.
    await page.getByTestId("flag-tab-internal").getByText("off").waitFor();
    await snap("flag-rollout");
  });

  it("previews who gets it: a listed customer, by the customers rule", async () => {
    const preview = page.getByTestId("flag-preview");
    await preview.getByRole("heading", { name: "Who gets it in production" }).waitFor();
    await preview.getByLabel("customerId", { exact: true }).fill("acme");
    await preview.getByRole("button", { name: "Check" }).click();
    const decision = preview.getByTestId("flag-decision");
    await decision.getByText("On", { exact: true }).waitFor();
    await decision.getByText('on: rule "customers" matches').waitFor();
    const row = decision.getByRole("row", { name: /^customers/ });
    expect(await row.getByRole("cell").allTextContents()).toEqual(["yes", "yes"]);

    // Free key=value fields must be key=value; the preview says which line is not.
    await preview.getByLabel("Other fields").fill("plan enterprise");
    await preview.getByRole("button", { name: "Check" }).click();
    await preview
      .getByRole("alert")
      .getByText(/"plan enterprise" is not key=value/)
      .waitFor();
    await preview.getByLabel("Other fields").fill("plan=enterprise");
    await preview.getByLabel("customerId", { exact: true }).fill("umbrella");
    await preview.getByLabel("role", { exact: true }).fill("admin");
    await preview.getByRole("button", { name: "Check" }).click();
    await decision.getByText('on: rule "admins" matches').waitFor();
    await snap("flag-preview");
  });

  it("releases it, kills it with a reason, and the history lists every step", async () => {
    await panel().getByRole("button", { name: "Release to everyone" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: "Release", exact: true }).click();
    await stage(page, "released").waitFor();
    await panel()
      .getByTestId("flag-rules")
      .getByRole("listitem")
      .filter({ hasText: "everyone: everyone" })
      .waitFor();

    await panel().getByRole("button", { name: "Kill", exact: true }).click();
    await dialog.getByLabel(/Reason/).fill("checkout errors since 14:05");
    await dialog.getByRole("button", { name: "Kill it" }).click();
    await stage(page, "killed").waitFor();
    await panel().getByRole("button", { name: "Turn back on" }).waitFor();
    await panel()
      .getByText(/Killed:/)
      .waitFor();
    // The preview asks again by itself: the last context is now off, and says why.
    await page.getByTestId("flag-decision").getByText("killed: off for everyone").waitFor();
    expect(await panel().getByRole("button", { name: "Admins only" }).isDisabled()).toBe(true);

    const history = page.getByTestId("flag-history");
    await history.getByRole("row", { name: /kill/ }).waitFor();
    const actions = await history.locator(".audit-action").allTextContents();
    expect(actions).toEqual(["kill", "release", "rollout", "customers", "admins", "created"]);
    await history.getByText(/reason: checkout errors since 14:05/).waitFor();
    await history
      .getByRole("row", { name: /customers/ })
      .getByRole("cell", { name: deployer.username })
      .waitFor();
    await snap("flag-page");
  });

  it("lists the flags with their badges, ramps and segments; Stale only filters", async () => {
    const created = await fixture.server.api("POST", "/projects/sample-app/flags", {
      key: "dark-mode",
      type: "experiment",
    });
    expect(created.status).toBe(201);
    const env = "/projects/sample-app/flags/dark-mode/environments/internal";
    await fixture.server.api("POST", `${env}/admins`, {});
    await fixture.server.api("POST", `${env}/rollout`, { percent: 25 });
    const ramp = await fixture.server.api("PUT", `${env}/ramp`, {
      steps: [{ at: Date.now() + 86_400_000, percent: 50 }],
    });
    expect(ramp.status).toBe(200);

    await page.getByRole("link", { name: "Flags" }).first().click();
    await page.waitForURL(`**${flagsPath}`);
    await page.getByTestId("flag-new-checkout-production").getByText("killed").waitFor();
    await page.getByTestId("flag-new-checkout-internal").getByText("off").waitFor();
    await page.getByTestId("flag-dark-mode-internal").getByText("25 %").waitFor();
    await page.getByTestId("flag-dark-mode-internal").getByText("ramp: 50 % next").waitFor();
    const segments = page.getByTestId("segments");
    await segments
      .getByRole("row", { name: /admins/ })
      .getByText("role IN admin", { exact: true })
      .waitFor();
    await segments
      .getByRole("row", { name: /admins/ })
      .getByRole("link", { name: "dark-mode" })
      .waitFor();
    await snap("flags-list");

    await page.getByLabel("Stale only").check();
    await page.waitForURL(/[?&]stale=true/);
    await page.getByText("No stale flags").waitFor();
    await page.getByLabel("Stale only").uncheck();
    await page.getByTestId("flag-dark-mode").waitFor();
  });

  it("plans a ramp, adds a step to it and cancels it", async () => {
    await page.goto(`${fixture.server.url}${flagsPath}/dark-mode?env=internal`);
    await page.getByRole("heading", { level: 1, name: /dark-mode/ }).waitFor();
    const steps = panel().getByTestId("ramp-steps");
    await steps.getByRole("listitem").filter({ hasText: "50 %" }).getByText("pending").waitFor();

    await panel().getByText("Change the ramp").click();
    const form = panel().getByRole("form", { name: /^Ramp steps for dark-mode/ });
    // The pending step is already a row; adding a step is adding a row.
    expect(await form.getByLabel("Step 1 percent").inputValue()).toBe("50");
    await form.getByRole("button", { name: "Add step" }).click();
    await form.getByLabel("Step 2 percent").fill("40");
    await form.getByLabel("Step 2 time").fill(localInput(Date.now() + 2 * 86_400_000));
    await form.getByRole("button", { name: "Replace the ramp" }).click();
    // The server wants rising steps: its sentence shows in the form.
    await form
      .getByRole("alert")
      .getByText(/ramp steps must rise/)
      .waitFor();
    await form.getByLabel("Step 2 percent").fill("100");
    await form.getByRole("button", { name: "Replace the ramp" }).click();
    await steps.getByRole("listitem").filter({ hasText: "100 %" }).waitFor();
    expect(await steps.getByRole("listitem").count()).toBe(2);
    await snap("flag-ramp");

    await panel().getByRole("button", { name: "Cancel ramp" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Drop the pending steps" }).click();
    await panel().getByText("No ramp scheduled.", { exact: false }).waitFor();
    await panel().getByRole("heading").getByText("25 %").waitFor();
  });

  it("shows a viewer the flag without a single button that changes it, kept current live", async () => {
    const viewerPage = await signedIn(viewer);
    await viewerPage.goto(`${fixture.server.url}${flagPath}?env=production`);
    await stage(viewerPage, "killed").waitFor();
    for (const name of ["Admins only", "Customers…", "Kill", "Turn back on", "Archive", "Apply"]) {
      expect(await viewerPage.getByRole("button", { name, exact: true }).count()).toBe(0);
    }
    expect(await viewerPage.getByRole("slider").count()).toBe(0);
    // Someone turns it back on elsewhere: the viewer's page follows without a reload.
    const enabled = await fixture.server.api(
      "POST",
      "/projects/sample-app/flags/new-checkout/environments/production/enable",
      {},
    );
    expect(enabled.status).toBe(200);
    await stage(viewerPage, "released").waitFor();
    await viewerPage
      .getByTestId("flag-history")
      .getByRole("row", { name: /enable/ })
      .waitFor();
    // The preview changes nothing, so viewers may use it.
    const preview = viewerPage.getByTestId("flag-preview");
    await preview.getByLabel("userId", { exact: true }).fill("u-1");
    await preview.getByRole("button", { name: "Check" }).click();
    await preview.getByTestId("flag-decision").getByText('on: rule "everyone" matches').waitFor();
    await viewerPage.goto(`${fixture.server.url}${flagsPath}`);
    await viewerPage.getByTestId("flag-new-checkout").waitFor();
    expect(await viewerPage.getByRole("button", { name: "New flag" }).count()).toBe(0);
    await viewerPage.context().close();
  });

  it("archives a flag after asking; it leaves the list", async () => {
    await page.goto(`${fixture.server.url}${flagsPath}/dark-mode`);
    await page.getByRole("button", { name: "Archive", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Archive the flag" }).click();
    await page.waitForURL(`**${flagsPath}`);
    await page.getByTestId("flag-new-checkout").waitFor();
    expect(await page.getByTestId("flag-dark-mode").count()).toBe(0);
  });
});

/** The sample app with nothing deploying on its own: these tests need environments, not deploys. */
function nothingDeploysByItself(yml: string): string {
  return yml
    .replace(/(internal:\n\s+deploy:) on-green/, "$1 manual")
    .replace(/(production:\n\s+deploy:) on-green/, "$1 manual");
}

/** A time as a datetime-local input takes it, in the browser's (the machine's) time zone. */
function localInput(at: number): string {
  const date = new Date(at);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
