import { runDatabaseFixture } from "./support/database-fixture.ts";
import { expect, test } from "./support/fixtures.ts";
import { signIn } from "./support/flows.ts";

type Known = { email: string; password: string; orgSlug: string; programId: string; emptyProgramId: string; cyEmail: string };

/** The known program of lib/programs/test/known-program.ts (7 active, 4 progressing, 2 completed…) and an empty one. */
const createKnown = () => JSON.parse(runDatabaseFixture("program-insights-fixture.ts")) as Known;

test("an owner reads a program's analytics and its learners' progress", async ({ page, a11y }) => {
  test.setTimeout(120_000);
  const known = createKnown();
  await signIn(page, known.email, known.password);
  const base = `/dashboard/${known.orgSlug}/programs/${known.programId}`;

  await page.goto(`${base}/analytics?from=${isoDaysAgo(9)}&to=${isoDaysAgo(0)}`);
  await expect(page.getByRole("heading", { level: 1, name: "Analytics: Learning Streaks" })).toBeVisible();
  for (const [key, value] of [["learners", "9"], ["active", "7"], ["progressing", "4"], ["completed", "2"], ["inactive", "2"], ["returned", "1"], ["awards", "7"]]) {
    await expect(page.getByTestId(`program-kpi-${key}`).getByTestId("kpi-value")).toHaveText(value!);
  }
  const funnel = page.getByTestId("program-funnel-chart");
  await expect(funnel.getByRole("img", { name: "7 learners were active: 4 progressing and 2 completed." })).toBeVisible();
  await funnel.getByText("Show the numbers as a table").click();
  await expect(funnel.getByTestId("program-funnel-chart-row-completed").locator("th, td")).toHaveText(["Completed", "2", "29%"]);

  const levels = page.getByTestId("program-levels-courses");
  await expect(levels.getByRole("heading", { name: "Learners per level: Courses completed" })).toBeVisible();
  await levels.getByText("Show the numbers as a table").click();
  await expect(levels.getByRole("row").filter({ hasText: "1. Bronze" }).locator("th, td")).toHaveText(["1. Bronze", "1 courses", "2", "3", "4 days"]);
  await expect(levels.getByRole("row").filter({ hasText: "No level yet" }).locator("th, td")).toHaveText(["No level yet", "—", "3", "—", "—"]);
  await expect(page.getByRole("link", { name: "Download the figures (CSV)" })).toHaveAttribute("href", new RegExp(`/analytics/export\\.csv\\?from=`));
  await a11y.check();

  await page.goto(`${base}/learners`);
  await expect(page.getByRole("heading", { level: 1, name: "Learners: Learning Streaks" })).toBeVisible();
  await page.getByLabel("Email or name").fill("chen");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\?q=chen$/);
  const rows = page.getByTestId("program-learners").locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(known.cyEmail);
  const bar = rows.first().getByRole("progressbar", { name: "Courses completed: progress to Gold" });
  await expect(bar).toHaveAttribute("aria-valuenow", "60");
  await expect(bar).toHaveAttribute("aria-valuetext", "6 of 10 courses (60%) toward Gold");
  await a11y.check();
});

test("an empty program explains how learners appear", async ({ page, a11y }) => {
  const known = createKnown();
  await signIn(page, known.email, known.password);
  const base = `/dashboard/${known.orgSlug}/programs/${known.emptyProgramId}`;
  await page.goto(`${base}/analytics`);
  await expect(page.getByTestId("program-insights-no-data")).toContainText("POST /api/v1/events");
  await expect(page.getByTestId("program-awards-chart-empty")).toBeVisible();
  await expect(page.getByTestId("program-levels-empty")).toContainText("no targets or levels yet");
  await a11y.check();
  await page.goto(`${base}/learners`);
  await expect(page.getByRole("heading", { name: "No learners yet" })).toBeVisible();
  await expect(page.getByText("uploaded as a CSV file of events")).toBeVisible();
});

test("another organization's program is the same 404 as a missing one", async ({ page }) => {
  const known = createKnown();
  const other = createKnown();
  await signIn(page, other.email, other.password);
  for (const tab of ["analytics", "learners"]) {
    const foreign = await page.goto(`/dashboard/${other.orgSlug}/programs/${known.programId}/${tab}`);
    expect(foreign?.status()).toBe(404);
    await expect(page.getByText("Learning Streaks")).toHaveCount(0);
  }
});

function isoDaysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}
