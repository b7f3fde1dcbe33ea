import type { Locator, Page } from "@playwright/test";
import { expect, test, uniqueEmail, uniqueName, uniqueSlug } from "./support/fixtures.ts";
import { createOrganization, signUp } from "./support/flows.ts";

/** The "Add rule" form: one level of the ladder at a time. */
async function addTargetRule(page: Page, achievement: string, atLeast: string) {
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Add rule" }) });
  await form.getByLabel("Award", { exact: true }).selectOption({ label: achievement });
  await expect(form.getByLabel("When", { exact: true })).toHaveValue("target");
  await form.getByLabel("Metric", { exact: true }).selectOption("courses_completed");
  await form.getByLabel("Reaches", { exact: true }).fill(atLeast);
  // Counted as the admin types: nobody has sent an event yet.
  await expect(form.getByTestId("qualify-count")).toHaveText("No learner qualifies yet.");
  await form.getByRole("button", { name: "Add rule" }).click();
  await expect(page.getByText("Rule added.")).toBeVisible();
  await expect(page.getByTestId("rule").filter({ hasText: `Award ${achievement} when courses completed reaches ${atLeast}` })).toBeVisible();
}

async function createApiKey(page: Page, slug: string): Promise<string> {
  await page.goto(`/dashboard/${slug}/api-keys`);
  await page.getByLabel("Name").fill("Learning platform");
  await page.getByRole("checkbox", { name: /achievements:write/ }).check();
  await page.getByRole("checkbox", { name: /events:write/ }).check();
  await expect(page.getByRole("checkbox", { name: /credentials:read/ })).toBeChecked();
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("you won't see it again")).toBeVisible();
  const key = await page.getByLabel("API key", { exact: true }).inputValue();
  expect(key).toMatch(/^lrl_live_/);
  return key;
}

/** Reloads until the locator shows up: awards are issued by the engine's job, not inline. */
async function eventually(page: Page, locator: Locator) {
  await expect(async () => {
    await page.reload();
    await expect(locator).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
}

test("an owner designs a three-level program, events from the API award Silver, and the credential names its rule", async ({ page, request, a11y }) => {
  test.setTimeout(180_000);
  const org = { name: uniqueName("Programs Academy"), slug: uniqueSlug("programs") };
  await signUp(page, { name: "Olu Owner", email: uniqueEmail("olu") });
  await createOrganization(page, org);

  // The achievements the ladder awards, made through the API with a key made in the dashboard.
  const key = await createApiKey(page, org.slug);
  const headers = { Authorization: `Bearer ${key}` };
  for (const name of ["Bronze", "Silver", "Gold"]) {
    const created = await request.post("/api/v1/achievements", {
      headers,
      data: { name, description: `${name} level of Course Champions.`, criteria: { narrative: `Complete courses to reach ${name}.` } },
    });
    expect(created.status()).toBe(201);
  }

  // Programs are in the workspace's navigation; the empty state says what a program is.
  await page.goto(`/dashboard/${org.slug}`);
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Programs" }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/${org.slug}/programs$`));
  await expect(page.getByRole("heading", { name: "No programs yet" })).toBeVisible();
  await expect(page.getByText("A program turns your learners' activity into badges.")).toBeVisible();
  await a11y.check();
  await page.getByRole("link", { name: "New program" }).click();

  // Nothing is saved while a field is wrong; the error sits beside its field.
  await page.getByLabel("Name", { exact: true }).fill("Course Champions");
  await page.getByLabel("Key", { exact: true }).fill("Courses Completed");
  await page.getByLabel("Label in English").fill("courses completed");
  await page.getByRole("button", { name: "Create program" }).click();
  await expect(page.getByLabel("Key", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Key", { exact: true }).fill("courses_completed");
  await page.getByLabel("Label in Spanish").fill("cursos completados");
  await page.getByLabel("Enrol URL").fill("https://academy.example/champions");
  await page.getByRole("button", { name: "Create program" }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/${org.slug}/programs/c[a-z0-9]+$`));
  const programId = new URL(page.url()).pathname.split("/").pop()!;

  // The program's tabs; the designer is the current one.
  const tabs = page.getByRole("navigation", { name: "Program pages" });
  await expect(tabs.getByRole("link", { name: "Design" })).toHaveAttribute("aria-current", "page");
  for (const tab of ["Learners", "Analytics", "Events upload"]) await expect(tabs.getByRole("link", { name: tab })).toBeVisible();

  await addTargetRule(page, "Bronze", "10");
  await addTargetRule(page, "Gold", "100");
  await addTargetRule(page, "Silver", "50");

  // The ladder is drawn lowest rung first in reading order, whatever order the rules came in.
  const ladder = page.getByTestId("ladder");
  await expect(ladder.getByRole("heading", { name: "Levels of courses completed" })).toBeVisible();
  const rungs = ladder.getByRole("listitem");
  await expect(rungs).toHaveCount(3);
  await expect(rungs.nth(0)).toContainText("Level 1");
  await expect(rungs.nth(0)).toContainText("Bronze");
  await expect(rungs.nth(0)).toContainText("10 courses completed");
  await expect(rungs.nth(1)).toContainText("Silver");
  await expect(rungs.nth(2)).toContainText("Gold");
  await expect(rungs.nth(2)).toContainText("100 courses completed");
  await expect(ladder.locator("img").first()).toHaveAttribute("src", /\/b\/c[a-z0-9]+\/v\/1\/image\.png$/);
  await a11y.check();

  // Test mode answers what an event would award, and writes nothing.
  await page.getByLabel("Value").fill("60");
  await page.getByRole("button", { name: "Send this event for me" }).click();
  const trial = page.getByTestId("test-result");
  await expect(trial).toContainText("Test only: nothing was written.");
  await expect(trial).toContainText("1 event accepted");
  await expect(trial.getByRole("listitem").filter({ hasText: "Silver" })).toBeVisible();
  await a11y.check();

  // The public page: the ladder as a ladder and the way to join.
  await page.goto(`/p/${programId}`);
  await expect(page.getByRole("heading", { level: 1, name: "Course Champions" })).toBeVisible();
  await expect(page.getByTestId("ladder-rung")).toHaveCount(3);
  await expect(page.getByRole("link", { name: "Join the program" })).toHaveAttribute("href", "https://academy.example/champions");
  await a11y.check();

  // The learner's platform reports 60 courses in two events.
  const learner = uniqueEmail("learner");
  const sent = await request.post("/api/v1/events", {
    headers,
    data: {
      events: [
        { id: `e2e-${learner}-1`, learner: { email: learner, name: "Lee Learner" }, programId, metric: "courses_completed", value: 25 },
        { id: `e2e-${learner}-2`, learner: { email: learner, name: "Lee Learner" }, programId, metric: "courses_completed", value: 35 },
      ],
    },
  });
  expect(sent.status()).toBeLessThan(300);
  expect(await sent.json()).toMatchObject({ accepted: 2, duplicates: 0, rejected: [] });

  // The learners list (another page of the program) shows the learner at Silver.
  await page.goto(`/dashboard/${org.slug}/programs/${programId}/learners`);
  await eventually(page, page.getByText(learner).first());
  await expect(page.getByRole("main")).toContainText("Silver");

  // Silver is an ordinary credential, and its timeline says which rule awarded it.
  await page.goto(`/dashboard/${org.slug}/credentials`);
  const row = page.getByTestId("credential-row").filter({ hasText: learner }).filter({ hasText: "Silver" });
  await eventually(page, row);
  await row.getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/Silver|Lee Learner/);
  await expect(page.getByTestId("timeline-event").filter({ hasText: /Course Champions|courses completed/ }).first()).toBeVisible();
});
