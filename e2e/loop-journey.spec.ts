import type { APIRequestContext, Page } from "@playwright/test";
import { createA11y } from "./support/a11y.ts";
import { runDatabaseFixture } from "./support/database-fixture.ts";
import { expect, test, uniqueEmail } from "./support/fixtures.ts";
import { confirmSignUp, PASSWORD, signIn } from "./support/flows.ts";
import { expectNoSidewaysScroll } from "./support/layout.ts";

type Fixture = { email: string; orgSlug: string; orgName: string; programId: string; programName: string; bronzeId: string; apiKey: string };

const PHONE = { width: 390, height: 844 };

/** What the organization's LMS would send: courses a learner finished. */
async function sendCourses(request: APIRequestContext, fixture: Fixture, email: string, courses: number, tag: string) {
  const response = await request.post("/api/v1/events", {
    headers: { Authorization: `Bearer ${fixture.apiKey}` },
    data: { events: Array.from({ length: courses }, (_, n) => ({ id: `${tag}-${n}`, learner: { email }, programId: fixture.programId, metric: "courses", value: 1 })) },
  });
  expect(response.status(), await response.text()).toBe(200);
  expect(await response.json()).toEqual({ accepted: courses, duplicates: 0, rejected: [] });
}

/** The bar toward one level on the program's page, as the learner sees it. */
const barToward = (page: Page, text: string) => page.getByTestId("program-my-progress").getByRole("progressbar", { name: text });

test.use({ viewport: PHONE });

test("the loop: a visitor on a phone follows a shared badge, joins, makes progress, reaches a level, is emailed, shares it, and the organization sees it", async ({ page, browser, baseURL, mail }) => {
  test.setTimeout(300_000);
  const fixture = JSON.parse(runDatabaseFixture("loop-fixture.ts")) as Fixture;
  const axe = () => createA11y(page, test.info()).check();

  // Someone already holds Bronze and shared it: their credential, issued through the API.
  const issued = await page.request.post("/api/v1/credentials", {
    headers: { Authorization: `Bearer ${fixture.apiKey}` },
    data: { achievementId: fixture.bronzeId, recipient: { email: uniqueEmail("hana"), name: "Hana Holder" } },
  });
  expect(issued.status(), await issued.text()).toBe(201);
  const sharedId = ((await issued.json()) as { id: string }).id;

  // 1. The shared link on a phone: the badge, the earner and the call to action above the fold.
  await page.goto(`/c/${sharedId}`);
  await expect(page.getByRole("heading", { level: 1, name: "Harbour Bronze" })).toBeVisible();
  const earn = page.getByRole("link", { name: "Earn this badge" });
  await expect(earn).toBeVisible();
  for (const above of [page.getByRole("img", { name: "The Harbour Bronze badge" }), page.getByTestId("recipient"), earn]) {
    const box = await above.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(PHONE.height);
  }
  await expectNoSidewaysScroll(page);

  // 2. "Earn this badge" leads to the program that awards it.
  await earn.click();
  await expect(page).toHaveURL(new RegExp(`/p/${fixture.programId}$`));
  await expect(page.getByRole("heading", { level: 1, name: fixture.programName })).toBeVisible();
  await expect(page.getByTestId("ladder-rung").first()).toContainText("Harbour Bronze");
  await expect(page.getByTestId("program-share")).toBeVisible();
  await expectNoSidewaysScroll(page);
  await axe();

  // 3. Join: a Laurel account, confirmed by email, and back on the program, enrolled.
  const learner = uniqueEmail("lena");
  await page.getByRole("link", { name: "Join the program" }).click();
  await page.getByLabel("Your name").fill("Lena Learner");
  await page.getByLabel("Email").fill(learner);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await confirmSignUp(page, learner);
  await expect(page).toHaveURL(new RegExp(`/p/${fixture.programId}\\?joined=1$`));
  await expect(page.getByTestId("program-enrolled")).toContainText(`Welcome! You joined ${fixture.programName}.`);
  await expect(barToward(page, "0 of 3 courses toward Harbour Bronze")).toHaveAttribute("aria-valuenow", "0");
  // The header carries the learner's menu on public pages too.
  await page.getByRole("button", { name: /Your menu/ }).click();
  await expect(page.getByTestId("user-menu").getByRole("link", { name: "Backpack" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expectNoSidewaysScroll(page);
  await axe();

  // 4. The organization's LMS reports two courses: the bar moves, and the learner is one step away.
  await sendCourses(page.request, fixture, learner, 2, `first-${learner}`);
  await page.reload();
  await expect(barToward(page, "2 of 3 courses toward Harbour Bronze")).toHaveAttribute("aria-valuenow", "2");
  await expect(page.getByTestId("program-my-progress").getByTestId("progress-next")).toHaveText("Next badge: Harbour Bronze, 1 to go");
  runDatabaseFixture("loop-fixture.ts", ["tick"]);
  await mail.waitFor(learner, { subject: /^You're one step away from Harbour Bronze$/, timeout: 60_000 });

  // 5. The third course reaches Bronze: the next bar is Silver, and the backpack shows both.
  await sendCourses(page.request, fixture, learner, 1, `second-${learner}`);
  await expect(async () => {
    await page.reload();
    await expect(barToward(page, "3 of 6 courses toward Harbour Silver")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await page.goto("/backpack");
  await expect(page.getByTestId("progress-program").filter({ hasText: fixture.programName }).getByRole("progressbar", { name: "3 of 6 courses toward Harbour Silver" })).toBeVisible();
  await expect(page.getByTestId("backpack-item").filter({ hasText: "Harbour Bronze" })).toBeVisible();
  await expectNoSidewaysScroll(page);

  // 6. "You reached Harbour Bronze!" arrives; its button leads to claiming it.
  runDatabaseFixture("loop-fixture.ts", ["tick"]);
  const reached = await mail.waitFor(learner, { subject: /^You reached Harbour Bronze!$/, timeout: 60_000 });
  const claimLink = reached.links.find((link) => /\/backpack\/claim\//.test(new URL(link).searchParams.get("u") ?? ""));
  expect(claimLink, `links: ${reached.links.join(", ")}`).toBeDefined();
  await page.goto(claimLink!);
  await page.getByRole("button", { name: "Accept Harbour Bronze" }).click();

  // 7. The celebration step: the badge and sharing first. Copying the link counts as a share.
  await expect(page).toHaveURL(/\/backpack\/[^/?]+\?claimed=1$/);
  const celebration = page.getByTestId("celebration");
  await expect(celebration.getByRole("heading", { level: 1, name: "Harbour Bronze" })).toBeVisible();
  const share = celebration.getByRole("region", { name: "Share this credential" });
  await expect(share.getByRole("link", { name: /Add to LinkedIn profile/ })).toBeVisible();
  expect((await share.boundingBox())!.y).toBeLessThan(PHONE.height);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await share.getByRole("button", { name: "Copy link" }).click();
  await expect(share.getByText("Link copied to the clipboard.")).toBeVisible();
  await expectNoSidewaysScroll(page);
  await axe();

  // 8. The organization's analytics: the visitor's click on "Earn this badge", the share, and the join.
  const owner = await browser.newContext({ baseURL });
  const ownerPage = await owner.newPage();
  await signIn(ownerPage, fixture.email, PASSWORD);
  await ownerPage.goto(`/dashboard/${fixture.orgSlug}/analytics`);
  const funnel = ownerPage.getByTestId("funnel");
  await expect(funnel.getByTestId("funnel-step-cta_clicked").getByTestId("funnel-count")).toHaveText("1");
  await expect(funnel.getByTestId("funnel-step-shared").getByTestId("funnel-count")).toHaveText("1");
  await ownerPage.goto(`/dashboard/${fixture.orgSlug}/programs/${fixture.programId}/analytics`);
  const programFunnel = ownerPage.getByTestId("program-funnel-chart");
  await programFunnel.getByText("Show the numbers as a table").click();
  await expect(programFunnel.getByTestId("program-funnel-chart-row-joined").locator("th, td").nth(1)).toHaveText("1");
  await owner.close();
});
