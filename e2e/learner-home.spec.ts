import type { Page } from "@playwright/test";
import { runDatabaseFixture } from "./support/database-fixture.ts";
import { expect, test } from "./support/fixtures.ts";
import { signIn } from "./support/flows.ts";
import { expectNoSidewaysScroll } from "./support/layout.ts";

type Learner = { email: string; password: string; handle: string; waitingCredentialId: string };

/** A learner with no organization, program progress, a pinned private credential and a badge to claim. */
const createLearner = () => JSON.parse(runDatabaseFixture("learner-home-fixture.ts")) as Learner;

async function signInAs(page: Page, learner: Learner) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(learner.email);
  await page.getByLabel("Password").fill(learner.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("a learner without an organization signs in to the backpack, uses the menu, sees their progress and fixes a hidden pin", async ({ page, a11y }) => {
  test.setTimeout(120_000);
  const learner = createLearner();
  await signInAs(page, learner);
  await expect(page).toHaveURL(/\/backpack$/);
  await expect(page.getByRole("heading", { level: 1, name: "Your backpack" })).toBeVisible();

  // In progress: a bar per level still ahead, and the badge to aim for next.
  const ladder = page.getByTestId("progress-program").filter({ hasText: "Course Ladder" });
  await expect(ladder.getByRole("progressbar", { name: "3 of 5 courses toward Gold" })).toHaveAttribute("aria-valuenow", "3");
  await expect(ladder.getByTestId("progress-next")).toHaveText("Next badge: Gold, 2 to go");
  await expect(ladder).toContainText("1 badge earned");
  // Members-only programs are the learner's own business: the backpack shows them.
  await expect(page.getByTestId("progress-program").filter({ hasText: "Staff Training" })).toContainText("1 of 4 sessions toward Staff Star");

  // A pinned credential that is private says the profile skips it.
  const pinned = page.getByTestId("pinned-list").getByRole("listitem").filter({ hasText: "Quiet Achiever" });
  await expect(pinned.getByTestId("pinned-private")).toContainText("Private: your public profile skips it.");
  const card = page.getByTestId("backpack-item").filter({ hasText: "Quiet Achiever" });
  await expect(card).toContainText("Pinned #1, hidden from profile");
  await a11y.check();

  // The profile indeed leaves it out…
  await page.goto(`/u/${learner.handle}`);
  await expect(page.getByRole("heading", { level: 1, name: "Pat Progress" })).toBeVisible();
  await expect(page.getByText("Quiet Achiever")).toHaveCount(0);
  // …until one click makes it public.
  await page.goto("/backpack");
  await pinned.getByRole("button", { name: "Make public Quiet Achiever" }).click();
  await expect(pinned.getByTestId("pinned-private")).toHaveCount(0);
  await expect(card).toContainText("Pinned #1");
  await expect(card).not.toContainText("hidden from profile");
  await page.goto(`/u/${learner.handle}`);
  await expect(page.getByTestId("pinned")).toContainText("Quiet Achiever");

  // The header menu: a button that opens a list of links, closed again with Escape.
  await page.goto("/backpack");
  const menuButton = page.getByRole("button", { name: /Your menu/ });
  await expect(menuButton).toHaveAttribute("aria-expanded", "false");
  await menuButton.click();
  await expect(menuButton).toHaveAttribute("aria-expanded", "true");
  const menu = page.getByTestId("user-menu");
  await expect(menu.getByRole("link", { name: "Backpack" })).toHaveAttribute("href", "/backpack");
  await expect(menu.getByRole("link", { name: "Public profile" })).toHaveAttribute("href", `/u/${learner.handle}`);
  await expect(menu.getByRole("link", { name: "Account" })).toHaveAttribute("href", "/account");
  await expect(page.getByText("Dashboards")).toHaveCount(0);
  await a11y.check();
  await page.keyboard.press("Escape");
  await expect(menuButton).toHaveAttribute("aria-expanded", "false");
  await expect(menuButton).toBeFocused();

  // From the keyboard: open it, Tab to a link, follow it.
  await page.keyboard.press("Enter");
  await expect(menuButton).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Public profile" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/u/${learner.handle}$`));

  // Sign out from the menu.
  await page.goto("/account");
  await page.getByRole("button", { name: /Your menu/ }).click();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto("/backpack");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
});

test("the public profile shows progress in public programs only once the learner allows it", async ({ page, request, a11y }) => {
  const learner = createLearner();
  await signIn(page, learner.email, learner.password);
  await page.goto(`/u/${learner.handle}`);
  await expect(page.getByRole("heading", { level: 1, name: "Pat Progress" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "In progress" })).toHaveCount(0);

  await page.goto("/backpack/profile");
  await page.getByLabel("Show my progress in programs on my profile").check();
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Your profile is saved.")).toBeVisible();
  await a11y.check();

  await page.goto(`/u/${learner.handle}`);
  const progress = page.getByTestId("progress-section");
  await expect(progress.getByRole("heading", { name: "In progress" })).toBeVisible();
  await expect(progress.getByRole("progressbar", { name: "3 of 5 courses toward Gold" })).toBeVisible();
  // The members-only program stays off the public page.
  await expect(progress).not.toContainText("Staff Training");
  await a11y.check();

  // Signed-out visitors (the cached page) see the same once the saved setting cleared the cache.
  await expect.poll(async () => (await (await request.get(`/u/${learner.handle}`)).text()).includes("3 of 5 courses toward Gold")).toBe(true);
});

test("after claiming, the badge and its share panel come first", async ({ page, a11y }) => {
  const learner = createLearner();
  await signIn(page, learner.email, learner.password);
  // As on a desktop browser without the Web Share API: the copy link is the way to share.
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, "share", { value: undefined, configurable: true });
  });
  await page.goto(`/backpack/claim/${learner.waitingCredentialId}`);
  await page.getByRole("button", { name: "Accept Fresh Graduate" }).click();

  await expect(page).toHaveURL(/\/backpack\/[^/?]+\?claimed=1$/);
  const celebration = page.getByTestId("celebration");
  await expect(celebration.getByRole("heading", { level: 1, name: "Fresh Graduate" })).toBeVisible();
  await expect(celebration.getByText("It's yours")).toBeVisible();
  await expect(celebration.getByRole("img", { name: "The Fresh Graduate badge" })).toBeVisible();
  await expect(celebration.getByRole("link", { name: /Add to LinkedIn profile/ })).toHaveAttribute("href", /^\/backpack\/share\/[^/]+\/linkedin_profile$/);
  await expect(celebration.getByRole("button", { name: "Copy link" })).toBeVisible();
  await expect(celebration.getByLabel("Link to your credential")).toHaveValue(/\/s\/\w+/);
  await expect(celebration.getByRole("button", { name: "Share…" })).toHaveCount(0);
  // First on the page: before the credential's details.
  const celebrationFirst = await page.evaluate(() => {
    const celebrationBox = document.querySelector('[data-testid="celebration"]')!;
    const details = document.querySelector("main article")!;
    return Boolean(celebrationBox.compareDocumentPosition(details) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  expect(celebrationFirst).toBe(true);
  await a11y.check();
  const celebrationUrl = page.url();

  // On a phone (navigator.share exists) the share sheet is offered with the tracked link.
  const phone = await page.context().newPage();
  await phone.addInitScript(() => {
    const shared: ShareData[] = [];
    Object.defineProperty(window, "__shared", { value: shared });
    Object.defineProperty(Navigator.prototype, "share", { value: async (data: ShareData) => void shared.push(data), configurable: true });
  });
  await phone.goto(celebrationUrl);
  await phone.getByTestId("celebration").getByRole("button", { name: "Share…" }).click();
  await expect.poll(() => phone.evaluate(() => (window as unknown as { __shared: ShareData[] }).__shared[0]?.url ?? "")).toMatch(/\/s\/\w+/);
  await phone.close();
});

test("the backpack, the profile and the analytics page fit a 390 px phone", async ({ page, a11y }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 390, height: 844 });
  const learner = createLearner();
  await signIn(page, learner.email, learner.password);
  await page.goto("/backpack/profile");
  await page.getByLabel("Show my progress in programs on my profile").check();
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Your profile is saved.")).toBeVisible();

  await page.goto("/backpack");
  await expect(page.getByTestId("progress-program").first()).toBeVisible();
  await expectNoSidewaysScroll(page, { soft: true });
  const entryPath = await page.getByTestId("pinned-list").getByRole("link", { name: "Quiet Achiever" }).getAttribute("href");
  for (const path of ["/backpack?view=list", entryPath!, "/backpack/collections", "/backpack/import", "/backpack/profile", `/u/${learner.handle}`]) {
    await page.goto(path);
    await expectNoSidewaysScroll(page, { soft: true });
  }
  // The menu, open, stays on the screen too.
  await page.goto("/backpack");
  await page.getByRole("button", { name: /Your menu/ }).click();
  await expectNoSidewaysScroll(page, { soft: true });

  // An organization's analytics, with the known engagement in its charts and tables.
  const owner = JSON.parse(runDatabaseFixture("analytics-fixture.ts")) as { email: string; password: string; orgSlug: string };
  await page.context().clearCookies();
  await signIn(page, owner.email, owner.password);
  await page.goto(`/dashboard/${owner.orgSlug}/analytics`);
  await expect(page.getByRole("heading", { level: 1, name: "Analytics" })).toBeVisible();
  await expectNoSidewaysScroll(page, { soft: true });
  for (const summary of await page.getByText("Show the numbers as a table").all()) await summary.click();
  await expectNoSidewaysScroll(page, { soft: true });
  await a11y.check();
});
