import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshotDir } from "./browser.js";
import { bob, type DashboardFixture, startDashboardFixture, type TestServer } from "./fixture.js";

// The sample app's production watched by two monitors: its own /health, and a payments API the
// test can break (a small HTTP server on loopback), so an alert can be made to fire on cue.
describe("monitors and alerts, in a real browser against a real server", () => {
  let fixture: DashboardFixture;
  let server: TestServer;
  let payments: Awaited<ReturnType<typeof startPaymentsService>>;
  let browser: Browser;
  let page: Page;
  let admin: { username: string; password: string };

  beforeAll(async () => {
    [payments, browser] = await Promise.all([startPaymentsService(), launchBrowser()]);
    fixture = await startDashboardFixture({
      weeknightYml: (yml) =>
        yml.replaceAll("interval: 30s", "interval: 4s").concat(paymentsMonitorYaml(payments.url)),
    });
    ({ server, admin } = fixture);
    const { repo } = fixture;
    // A green build goes to internal, then on to production (on-green): monitors start watching.
    await repo.pushChange("fixed", bob, "Greeting: capitalise names");
    await waitFor(async () => {
      const { body } = await server.api<{ lastDeployment: { step: string } | null }>(
        "GET",
        "/projects/sample-app/environments/production",
      );
      return body.lastDeployment?.step === "succeeded";
    }, 150_000).catch(async (error) => {
      const builds = await server.api("GET", "/builds");
      const deployments = await server.api("GET", "/deployments");
      throw new Error(
        `${error.message}: builds ${JSON.stringify(builds.body).slice(0, 600)} deployments ${JSON.stringify(deployments.body).slice(0, 1500)}`,
      );
    });
    // One context, so a second tab shares the session.
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    page = await context.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await fixture?.close();
    await new Promise((resolve) => payments?.server.close(resolve));
  });

  const snap = (name: string, on: Page = page) =>
    on.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });

  it("shows production's monitors passing, each with its latency sparkline", async () => {
    await page.goto(`${server.url}/projects/sample-app/environments/production`);
    await page.getByLabel("Username").fill(admin.username);
    await page.getByLabel("Password").fill(admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    const health = page.getByTestId("monitor-health");
    await health.locator(".chip", { hasText: /^pass$/ }).waitFor({ timeout: 30_000 });
    // Refreshed every 15 s: wait until the sparkline has dots to draw.
    await health.locator("[data-testid=sparkline] circle").first().waitFor({ timeout: 30_000 });
    await page
      .getByTestId("monitor-payments api")
      .locator(".chip", { hasText: /^pass$/ })
      .waitFor({ timeout: 30_000 });
  });

  it("raises the alert on /alerts and on the overview live when the payments API breaks", async () => {
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Alerts" })
      .click();
    await page.getByRole("heading", { name: "Open" }).waitFor();
    const overview = await page.context().newPage();
    await overview.goto(server.url);
    await overview.getByTestId("overview").waitFor();
    const reloads: string[] = [];
    for (const watched of [page, overview]) watched.on("load", () => reloads.push(watched.url()));

    payments.broken = true;
    const row = page.getByTestId("alerts-open").getByRole("row", { name: /payments api/ });
    await row.getByText("firing").waitFor({ timeout: 30_000 });
    await row.getByRole("link", { name: /deployment #\d+/ }).waitFor();
    await page.getByTestId("firing-count").waitFor();
    await overview
      .getByTestId("alert-banner")
      .getByText(/production: payments api failing since deploy #\d+/)
      .waitFor({ timeout: 30_000 });
    expect(reloads).toEqual([]);
    await snap("alerts");
    await overview.close();
  });

  it("shows the failing monitor and its recent results on the environment page", async () => {
    await page
      .getByTestId("alerts-open")
      .getByRole("link", { name: /sample-app \/ production/ })
      .first()
      .click();
    const monitor = page.getByTestId("monitor-payments api");
    await monitor.locator(".chip", { hasText: /^fail$/ }).waitFor({ timeout: 30_000 });
    await monitor.getByRole("link", { name: /Alert firing/ }).waitFor();
    await monitor.getByRole("button", { name: "payments api" }).click();
    await page.getByTestId("monitor-results").getByText("fail", { exact: true }).first().waitFor();
    await page.getByTestId("monitors").scrollIntoViewIfNeeded();
    await snap("monitors-environment");
  });

  it("opened an incident for the deploy the alert named; it is worked through to resolved", async () => {
    // The alert fired within an hour of production's deploy, so an incident opened by itself.
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByTestId("open-incidents-count").waitFor({ timeout: 30_000 });
    await nav.getByRole("link", { name: /Incidents/ }).click();
    const row = page.getByTestId("incidents-open").getByRole("row", { name: /payments api/ });
    await row.getByText("sev2").waitFor({ timeout: 30_000 });
    await row.getByText(/by an alert/).waitFor();
    await row.getByRole("link", { name: /deployment #\d+/ }).waitFor();
    const list = await page.context().newPage();
    await list.goto(`${server.url}/incidents`);
    await list
      .getByTestId("incidents-open")
      .getByRole("row", { name: /payments api/ })
      .waitFor();
    const reloads: string[] = [];
    for (const watched of [page, list]) watched.on("load", () => reloads.push(watched.url()));

    await row.getByRole("link", { name: /^#\d+$/ }).click();
    const suspect = page.getByTestId("suspect");
    await suspect.getByRole("link", { name: /deployment #\d+/ }).waitFor();
    await suspect.getByRole("link", { name: /build #\d+/ }).waitFor();
    await suspect.getByText("Greeting: capitalise names").first().waitFor();
    const timeline = page.getByTestId("timeline");
    await timeline.getByText("Alert fired").first().waitFor();
    await timeline
      .getByRole("link", { name: /payments api alert/ })
      .first()
      .waitFor();
    const resolve = page.getByRole("button", { name: "Resolve", exact: true });
    expect(await resolve.isDisabled()).toBe(true);
    await page.getByText("Set the root cause first").waitFor();

    await page.getByRole("textbox", { name: "Root cause" }).fill("the payments API went down");
    await page.getByRole("button", { name: "Save root cause" }).click();
    await timeline.getByText("Root cause", { exact: true }).waitFor();
    await page.getByLabel("Kind").selectOption("missing-monitor");
    await page.getByLabel("Follow-up", { exact: true }).fill("alert on payments latency");
    await page.getByRole("button", { name: "Add follow-up" }).click();
    await page
      .getByTestId("follow-ups")
      .getByRole("row", { name: /missing-monitor .*alert on payments latency/ })
      .waitFor();

    await resolve.click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Resolution").fill("payments API restarted");
    await dialog.getByRole("button", { name: "Resolve", exact: true }).click();
    await page.getByTestId("incident-state").getByText("resolved").waitFor();
    await page.getByTestId("resolution").getByText("payments API restarted").waitFor();
    await list
      .getByTestId("incidents-resolved")
      .getByRole("row", { name: /payments api/ })
      .waitFor({ timeout: 15_000 });
    expect(reloads).toEqual([]);
    await snap("incident");
    await list.close();
  });
});

/** Appended to production's monitors (the sample app's own include `health`). */
function paymentsMonitorYaml(paymentsUrl: string): string {
  return [
    "      - name: payments api",
    "        type: http",
    `        url: ${paymentsUrl}/status`,
    "        interval: 4s",
    '        conditions: ["[STATUS] == 200"]',
    "",
  ].join("\n");
}

/** A stand-in for a service the app depends on: healthy until the test sets `broken`. */
async function startPaymentsService(): Promise<{ server: Server; url: string; broken: boolean }> {
  const service = { server: createServer(), url: "", broken: false };
  service.server.on("request", (request, response) => {
    request.resume();
    response.writeHead(service.broken ? 503 : 200, { "content-type": "application/json" });
    response.end(JSON.stringify({ status: service.broken ? "down" : "ok" }));
  });
  await new Promise<void>((resolve) => service.server.listen(0, "127.0.0.1", resolve));
  service.url = `http://127.0.0.1:${(service.server.address() as AddressInfo).port}`;
  return service;
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
