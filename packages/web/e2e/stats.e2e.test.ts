import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshotDir } from "./browser.js";
import { bob, type DashboardFixture, startDashboardFixture, viewer } from "./fixture.js";

const levelTitles = [
  "Continuous integration",
  "Continuous delivery to internal",
  "Scheduled production deploys",
  "Continuous deployment",
];

// Internal takes every green build by itself (on-green): after one push it has a deployment to
// count, and the project a weeknight.yml for the readiness checklist to read.
describe("delivery stats and readiness, in a real browser against a real server", () => {
  let fixture: DashboardFixture;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [fixture, browser] = await Promise.all([startDashboardFixture(), launchBrowser()]);
    await fixture.repo.pushChange("fixed", bob, "fix: capitalise names");
    await waitFor(async () => {
      const { body } = await fixture.server.api<{ live: unknown }>(
        "GET",
        "/projects/sample-app/environments/internal",
      );
      return Boolean(body.live);
    }, 150_000);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await page.goto(fixture.server.url);
    await page.getByLabel("Username").fill(viewer.username);
    await page.getByLabel("Password").fill(viewer.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByTestId("overview").waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await fixture?.close();
  });

  const environmentSelect = () => page.getByRole("combobox", { name: /^Environment/ });
  const rangeSelect = () => page.getByRole("combobox", { name: /^Range/ });
  const snap = (name: string) =>
    page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });

  it("shows the project's readiness: its level on a four-step track, each item and what is next", async () => {
    await page.goto(`${fixture.server.url}/projects/sample-app`);
    const card = page.getByTestId("readiness");
    const level = card.getByTestId("readiness-level");
    await level.waitFor();
    const shown = (await level.textContent()) ?? "";
    expect([...levelTitles, "Not yet continuous integration"]).toContain(shown);
    const track = card.getByRole("list", { name: "Adoption levels" }).getByRole("listitem");
    expect(await track.allTextContents()).toEqual(
      levelTitles.map((title) => expect.stringContaining(title)),
    );
    // Unit tests run in every build of the sample app: met, with the doc that explains it.
    const unit = card.getByTestId("readiness-item-unit-tests");
    expect(await unit.locator(".readiness-mark").textContent()).toBe("✓");
    await unit.getByText(/build\.stages\[\d\] "unit"/).waitFor();
    await unit.getByText("docs/builds.md#test-stages").waitFor();
    for (const area of ["Testing", "Deployment", "Monitoring", "Processes"]) {
      await card.getByRole("heading", { name: new RegExp(`^${area}`) }).waitFor();
    }
    await card
      .getByTestId("readiness-next")
      .getByText(/^Next: |Every prerequisite is met/)
      .waitFor();
    // The current level is marked on the track (none is, before continuous integration).
    expect(await card.locator("[aria-current=step]").count()).toBe(
      shown.startsWith("Not yet") ? 0 : 1,
    );
    await snap("readiness");
  });

  it("charts internal's delivery week by week, with totals, DORA bands and a data table", async () => {
    await page
      .getByRole("navigation", { name: "sample-app sections" })
      .getByRole("link", { name: "Stats" })
      .click();
    await page.waitForURL("**/projects/sample-app/stats");
    await page.getByRole("heading", { name: "Delivery stats" }).waitFor();
    // The default is production, which nothing has been deployed to yet.
    await page.getByTestId("stats-totals").waitFor();
    expect(await environmentSelect().inputValue()).toBe("production");

    await environmentSelect().selectOption("internal");
    await page.waitForURL(/[?&]environment=internal/);
    await rangeSelect().selectOption("4");
    await page.waitForURL(/[?&]weeks=4/);
    const frequency = page.getByTestId("stats-totals").locator(".stats-total").first();
    await frequency.getByText(/^[1-9]\d* deployments?$/).waitFor();
    await frequency.getByTestId("dora-band").waitFor();

    const charts = page.locator(".stats-chart");
    expect(await charts.count()).toBe(5);
    const deploys = page.getByTestId("chart-deployments");
    const chart = deploys.getByRole("img", { name: /Deploys per week/ });
    await chart.waitFor();
    expect(await deploys.locator("svg > title").textContent()).toBe("Deploys per week");
    expect(await deploys.locator("svg > desc").textContent()).toMatch(
      /^Deploys per week, deployments that went live, week by week from .+; this week [1-9]/,
    );
    expect(await deploys.locator(".stats-bar rect:not(.stats-slot)").count()).toBeGreaterThan(0);
    for (const id of ["lead-time", "failure-rate", "restore", "batch"]) {
      await page.getByTestId(`chart-${id}`).getByRole("img").waitFor();
    }

    await page.getByText("Week by week, as a table").click();
    const rows = page.getByTestId("stats-table").locator("tbody tr");
    expect(await rows.count()).toBe(4);
    await snap("stats");

    await rangeSelect().selectOption("26");
    await page.waitForURL(/[?&]weeks=26/);
    await expect.poll(() => rows.count()).toBe(26);
    expect(await environmentSelect().inputValue()).toBe("internal");
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
