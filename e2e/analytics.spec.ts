import type { Locator, Page } from "@playwright/test";
import { runDatabaseFixture } from "./support/database-fixture.ts";
import { expect, test } from "./support/fixtures.ts";
import { signIn } from "./support/flows.ts";

type Organization = { email: string; password: string; orgSlug: string; achievementAId?: string; achievementBId?: string };

/**
 * An owner and their organization straight in the app's database: with the known engagement of
 * lib/test/analytics-fixtures.ts (10 issued, 6 claimed, 3 shared…), or with nothing at all.
 */
function createOrganization(kind: "known" | "empty"): Organization {
  return JSON.parse(runDatabaseFixture("analytics-fixture.ts", kind === "empty" ? ["--empty"] : [])) as Organization;
}

async function expectStep(page: Page, key: string, count: string, rate?: string) {
  const step = page.getByTestId(`funnel-step-${key}`);
  await expect(step.getByTestId("funnel-count")).toHaveText(count);
  if (rate) await expect(step.getByTestId("funnel-rate")).toHaveText(rate);
}

async function expectKpi(page: Page, key: string, value: string) {
  await expect(page.getByTestId(`kpi-${key}`).getByTestId("kpi-value")).toHaveText(value);
}

/** A chart's numbers, as a person reads them after opening "Show the numbers as a table". */
async function openTable(chart: Locator) {
  await chart.getByText("Show the numbers as a table").click();
  await expect(chart.getByRole("table")).toBeVisible();
}

test("an owner reads the known engagement on the analytics dashboard, per achievement too", async ({ page, a11y }) => {
  test.setTimeout(120_000);
  const org = createOrganization("known");
  await signIn(page, org.email, org.password);
  const path = `/dashboard/${org.orgSlug}/analytics`;
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: "Analytics" })).toBeVisible();

  // The headline answers "which badge brings us the most new visitors, from which network?"
  await expect(page.getByTestId("best-source")).toContainText("Achievement A brings the most visitors: 3 visitors from LinkedIn.");

  // The numbers read in five seconds; nothing happened in the period before.
  await expectKpi(page, "issued", "10");
  await expectKpi(page, "claimed", "6");
  await expectKpi(page, "shared", "3");
  await expectKpi(page, "visitors", "5");
  await expectKpi(page, "shareClicks", "5");
  await expectKpi(page, "earnClicks", "2");
  await expect(page.getByTestId("kpi-issued")).toContainText("New: none in the previous period.");
  // Crawlers drawing link previews are shown apart and are not counted as views.
  await expect(page.getByTestId("kpi-previews")).toContainText("4 link previews by crawlers:");
  await expect(page.getByTestId("kpi-previews")).toContainText("not counted in views or visitors");

  // The funnel with the rate from each step before, and the market's ranges beside it.
  await expectStep(page, "issued", "10");
  await expectStep(page, "claimed", "6", "60%");
  await expectStep(page, "shared", "3", "50%");
  await expectStep(page, "clicked", "5", "1.7");
  await expectStep(page, "cta_clicked", "2", "40%");
  await expect(page.getByTestId("benchmark-shareRate").getByTestId("benchmark-value")).toHaveText("30%");
  await expect(page.getByTestId("benchmark-shareRate").getByTestId("benchmark-verdict")).toHaveText("Inside the market range of 5%–33%.");
  await expect(page.getByTestId("benchmark-returnRate").getByTestId("benchmark-value")).toHaveText("20%");
  await expect(page.getByTestId("benchmark-returnRate").getByTestId("benchmark-verdict")).toHaveText("Above the market range of 0%–10%.");

  // Charts drawn by recharts in the browser: three areas over the days, bars for the channels.
  const activity = page.getByTestId("activity-chart");
  await expect(activity.locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
  await expect(activity.locator("path.recharts-area-curve")).toHaveCount(3);
  for (const curve of await activity.locator("path.recharts-area-curve").all()) await expect(curve).toHaveAttribute("d", /^M[\d.\s,-]+[LC]/);
  const channels = page.getByTestId("channel-chart");
  await expect(channels.locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
  // LinkedIn (visitors, clicks), X (visitors, clicks), Direct (visitors): five bars with height.
  await expect(channels.locator(".recharts-bar-rectangle path")).toHaveCount(5);
  // What a screen reader announces for the chart.
  await expect(channels.getByRole("img", { name: "Visitors: LinkedIn 3, X 1, and Direct 1. Share-link clicks: LinkedIn 3 and X 2.", exact: true })).toBeVisible();
  await openTable(channels);
  const channelRow = (channel: string) => channels.getByTestId(`channel-chart-row-${channel}`).locator("th, td");
  await expect(channelRow("linkedin")).toHaveText(["LinkedIn", "3", "3", "2"]);
  await expect(channelRow("x")).toHaveText(["X", "1", "2", "1"]);
  await expect(channelRow("direct")).toHaveText(["Direct", "1", "0", "0"]);
  await expect(channelRow("facebook")).toHaveText(["Facebook", "0", "0", "0"]);
  await openTable(activity);
  await expect(activity.getByRole("table").locator("tbody tr")).toHaveCount(30);

  // Top achievements by share rate (A 2 of 6, B 1 of 4) and top referrers.
  const achievements = page.getByTestId("top-achievement-row");
  await expect(achievements.locator("th")).toHaveText(["Achievement A", "Achievement B"]);
  await expect(achievements.getByTestId("share-rate")).toHaveText(["33%", "25%"]);
  await expect(achievements.getByTestId("visitors")).toHaveText(["3", "2"]);
  await expect(achievements.getByTestId("top-network")).toHaveText(["LinkedIn", "X"]);
  await expect(page.getByTestId("referrer-host")).toHaveText(["www.linkedin.com", "lnkd.in", "t.co"]);
  await expect(page.getByTestId("referrer-visitors")).toHaveText(["2", "1", "1"]);

  // CSV exports of the same range.
  const funnelCsv = page.getByRole("link", { name: "Download funnel (CSV)" });
  await expect(funnelCsv).toHaveAttribute("href", new RegExp(`^${path}/funnel\\.csv\\?from=\\d{4}-\\d{2}-\\d{2}&to=\\d{4}-\\d{2}-\\d{2}$`));
  await expect(funnelCsv).toHaveAttribute("download", "");
  await expect(page.getByRole("link", { name: "Download raw events (CSV)" })).toHaveAttribute("href", new RegExp(`^${path}/events\\.csv\\?from=`));
  await a11y.check();

  // Narrowed to Achievement B with the filter form.
  await page.getByLabel("Achievement", { exact: true }).selectOption({ label: "Achievement B" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`achievementId=${org.achievementBId}`));
  await expect(page.getByRole("heading", { level: 1, name: "Analytics: Achievement B" })).toBeVisible();
  await expectStep(page, "issued", "4");
  await expectStep(page, "claimed", "2", "50%");
  await expectStep(page, "shared", "1", "50%");
  await expectStep(page, "clicked", "2", "2");
  await expectStep(page, "cta_clicked", "1", "50%");
  await expect(page.getByTestId("best-source")).toContainText("Achievement B brings the most visitors: 1 visitor from X.");
  await expect(page.getByRole("link", { name: "Download funnel (CSV)" })).toHaveAttribute("href", new RegExp(`achievementId=${org.achievementBId}$`));
  // A preset keeps the achievement and marks itself as the current range.
  await page.getByRole("link", { name: "Last 7 days" }).click();
  await expect(page.getByRole("link", { name: "Last 7 days" })).toHaveAttribute("aria-current", "true");
  await expectStep(page, "issued", "4");
});

test("a query a person mistyped is explained next to the filters, and the page still shows the default range", async ({ page }) => {
  const org = createOrganization("known");
  await signIn(page, org.email, org.password);
  const path = `/dashboard/${org.orgSlug}/analytics`;

  const response = await page.goto(`${path}?from=2026-13-40`);
  expect(response!.status()).toBe(200);
  const errors = page.getByTestId("analytics-query-errors");
  await expect(errors).toContainText("From: this is not a valid date (use YYYY-MM-DD, like 2026-01-31).");
  await expect(errors).toContainText("Showing the last 30 days instead.");
  await expect(page.getByLabel("From", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("heading", { level: 1, name: "Analytics" })).toBeVisible();
  await expectStep(page, "issued", "10");

  await page.goto(`${path}?from=2026-03-10&to=2026-03-01`);
  await expect(page.getByTestId("analytics-query-errors")).toContainText("From: the start date comes after the end date.");
  await page.goto(`${path}?from=2020-01-01&to=2026-01-01`);
  await expect(page.getByTestId("analytics-query-errors")).toContainText("From: the range is longer than 731 days.");

  // An achievement of no (or another) organization: said so, and all achievements shown.
  await page.goto(`${path}?achievementId=not-an-achievement-here`);
  await expect(page.getByTestId("analytics-query-errors")).toContainText("Achievement: this achievement does not belong to your organization.");
  await expectStep(page, "issued", "10");
});

test("an organization with no engagement yet sees explanations instead of empty charts", async ({ page, a11y }) => {
  const org = createOrganization("empty");
  await signIn(page, org.email, org.password);
  await page.goto(`/dashboard/${org.orgSlug}/analytics`);
  await expect(page.getByRole("heading", { level: 2, name: "No engagement to show yet" })).toBeVisible();
  await expect(page.getByTestId("best-source")).toContainText("No network has sent visitors to your credentials in this period yet.");
  await expectKpi(page, "issued", "0");
  await expectKpi(page, "visitors", "0");
  await expectStep(page, "issued", "0");
  await expect(page.getByTestId("benchmark-shareRate").getByTestId("benchmark-verdict")).toHaveText("No credentials issued in this period (market range 5%–33%).");
  await expect(page.getByTestId("activity-chart-empty")).toContainText("Once you issue credentials, a line per day");
  await expect(page.getByTestId("channel-chart-empty")).toContainText("the visitors each channel brings appear here");
  await expect(page.getByTestId("top-achievements-empty")).toBeVisible();
  await expect(page.getByTestId("top-referrers-empty")).toBeVisible();
  await expect(page.locator(".recharts-wrapper")).toHaveCount(0);
  await a11y.check();
});
