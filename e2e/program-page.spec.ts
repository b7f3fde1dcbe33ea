import { runDatabaseFixture } from "./support/database-fixture.ts";
import { expect, test, uniqueEmail } from "./support/fixtures.ts";
import { confirmSignUp, PASSWORD, signIn, signOut } from "./support/flows.ts";
import { expectNoSidewaysScroll } from "./support/layout.ts";

type Known = { email: string; orgSlug: string; programId: string; programName: string; avaEmail: string; avaHandle: string; shyHandle: string };

/** A public program: a ladder of three levels on kilometres, a streak, Bronze held by one person. */
const createProgramPage = () => JSON.parse(runDatabaseFixture("program-page-fixture.ts")) as Known;

test("a visitor reads a program, joins it by signing up, lands back enrolled, and the organization sees the join", async ({ page, a11y }) => {
  test.setTimeout(150_000);
  const known = createProgramPage();
  await page.goto(`/p/${known.programId}`);
  await expect(page.getByRole("heading", { level: 1, name: known.programName })).toBeVisible();
  // The ladder, lowest level first, each badge with what to do for it and how many hold it.
  const rungs = page.getByTestId("ladder-rung");
  await expect(rungs).toHaveCount(3);
  await expect(rungs.nth(0)).toContainText("Bronze Walker");
  await expect(rungs.nth(0)).toContainText("Award Bronze Walker when kilometres walked reaches 10");
  await expect(rungs.nth(0).getByTestId("holders")).toHaveText("1 person holds it");
  await expect(rungs.nth(2)).toContainText("Award Gold Walker when kilometres walked reaches 100");
  await expect(rungs.nth(2).getByTestId("holders")).toHaveText("Nobody holds it yet");
  await expect(page.getByTestId("program-rule")).toContainText("Award Weekly Walker after 4 consecutive weeks with kilometres walked");
  // Shared links preview with the program's own card.
  const card = await page.locator('meta[property="og:image"]').getAttribute("content");
  expect(card).toContain(`/p/${known.programId}/opengraph-image?v=`);
  const png = await page.request.get(new URL(card!).pathname + new URL(card!).search);
  expect(png.status()).toBe(200);
  expect(png.headers()["content-type"]).toBe("image/png");
  await a11y.check();

  await page.getByRole("link", { name: "Join the program" }).click();
  await expect(page).toHaveURL(/\/sign-up\?callbackUrl=/);
  const email = uniqueEmail("joiner");
  await page.getByLabel("Your name").fill("Jo Joiner");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await confirmSignUp(page, email);

  // Back on the program's page, signed in and enrolled.
  await expect(page).toHaveURL(new RegExp(`/p/${known.programId}\\?joined=1$`));
  const enrolled = page.getByTestId("program-enrolled");
  await expect(enrolled).toContainText(`Welcome! You joined ${known.programName}.`);
  await expect(enrolled).toContainText("You're in this program");
  await expect(page.getByRole("link", { name: "Join the program" })).toHaveCount(0);
  await a11y.check();
  // Coming back changes nothing: still enrolled, no second join.
  await page.goto(`/p/${known.programId}/join`);
  await expect(page).toHaveURL(new RegExp(`/p/${known.programId}$`));
  await expect(page.getByTestId("program-enrolled")).toContainText("You're in this program");

  await signOut(page);
  await signIn(page, known.email);
  const base = `/dashboard/${known.orgSlug}/programs/${known.programId}`;
  await page.goto(`${base}/analytics`);
  const funnel = page.getByTestId("program-funnel-chart");
  await expect(funnel.getByRole("img", { name: /^1 person joined from the program's page\./ })).toBeVisible();
  await funnel.getByText("Show the numbers as a table").click();
  await expect(funnel.getByTestId("program-funnel-chart-row-joined").locator("th, td")).toHaveText(["Joined", "1", "—"]);
  await a11y.check();
  // The joiner is one of the program's learners, with no progress yet.
  await page.goto(`${base}/learners`);
  await expect(page.getByTestId("program-learners").locator("tbody tr").filter({ hasText: email })).toHaveCount(1);
});

test("an organization turns a leaderboard on; a learner opts in and shows, one who did not never does", async ({ page, a11y }) => {
  test.setTimeout(150_000);
  const known = createProgramPage();
  await signIn(page, known.email);
  await page.goto(`/dashboard/${known.orgSlug}/programs/${known.programId}`);
  const form = page.getByTestId("leaderboard-form");
  await form.getByLabel("Show a leaderboard on the program's page").check();
  await form.getByLabel("Rank by").selectOption({ label: "kilometres walked" });
  await form.getByLabel("Period").selectOption({ label: "All time" });
  await form.getByLabel("Places shown").selectOption("10");
  await a11y.check();
  await form.getByRole("button", { name: "Save leaderboard" }).click();
  await expect(form.getByText("Leaderboard saved.")).toBeVisible();

  // Nobody has opted in: an empty board, nobody's handle or initials anywhere in the page.
  await signOut(page);
  await page.goto(`/p/${known.programId}`);
  const board = page.getByTestId("leaderboard");
  await expect(board).toContainText("Nobody is on the leaderboard yet");
  expect(await page.content()).not.toContain(known.shyHandle);

  await signIn(page, known.avaEmail);
  await page.goto(`/p/${known.programId}`);
  await expect(page.getByTestId("program-enrolled")).toContainText("You're in this program");
  await page.getByRole("button", { name: "Show me on the leaderboard" }).click();
  await expect(page.getByRole("button", { name: "Remove me from the leaderboard" })).toBeVisible();
  const rows = page.getByTestId("leaderboard-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`@${known.avaHandle}`);
  await expect(rows.first()).toContainText("(you)");
  await expect(rows.first()).toContainText("30");
  await a11y.check();

  // A signed-out visitor (the cached page) sees Ava, and never the learner who did not opt in,
  // though they walked further and have a public handle.
  await signOut(page);
  await page.goto(`/p/${known.programId}`);
  await expect(page.getByTestId("leaderboard-row")).toHaveCount(1);
  await expect(page.getByTestId("leaderboard-row").first()).toContainText(`@${known.avaHandle}`);
  const html = await page.content();
  expect(html).not.toContain(known.shyHandle);
  expect(html).not.toContain("Shy Hiker");
  expect(html).not.toContain("S. H.");
  expect(html).not.toContain(">80<");
});

test("the program page fits a 390 px wide phone without sideways scrolling", async ({ page }) => {
  const known = createProgramPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/p/${known.programId}`);
  await expect(page.getByRole("heading", { level: 1, name: known.programName })).toBeVisible();
  await expectNoSidewaysScroll(page);
});
