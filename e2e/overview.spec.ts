import { expect, test, uniqueEmail, uniqueName, uniqueSlug } from "./support/fixtures.ts";
import { confirmSignUp, createOrganization, designAchievement, issueOne, PASSWORD, signIn, signOut, signUp } from "./support/flows.ts";

test("the overview's checklist ticks itself through a new organization's first steps (in Spanish halfway) and goes away; its numbers for this month are the analytics page's", async ({ page, mail, a11y, baseURL }) => {
  test.setTimeout(180_000);
  const ownerEmail = uniqueEmail("olive");
  const learner = uniqueEmail("lee");
  const org = { name: uniqueName("First Steps Academy"), slug: uniqueSlug("steps") };
  await signUp(page, { name: "Olive Owner", email: ownerEmail });
  await createOrganization(page, org);

  const overview = async () => {
    await page.goto(`/dashboard/${org.slug}`);
    await expect(page.getByRole("heading", { level: 1, name: org.name })).toBeVisible();
  };
  const done = (step: string) => page.getByTestId(`onboarding-step-${step}`);
  await overview();
  await expect(page.getByTestId("onboarding-progress")).toHaveText("0 of 4 done");
  for (const step of ["brand", "design", "issue", "share"]) await expect(done(step)).toHaveAttribute("data-done", "false");
  // The plan beside it: a new organization's trial and its days left.
  await expect(page.getByTestId("overview-plan").getByTestId("plan-details")).toHaveText(/^Pro trial: 14 days left, until /);
  await a11y.check();

  // The brand: a website of its own.
  await page.goto(`/dashboard/${org.slug}/settings`);
  await page.getByLabel("Website").fill("https://steps.example");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Saved.").first()).toBeVisible();
  await overview();
  await expect(done("brand")).toHaveAttribute("data-done", "true");
  await expect(page.getByTestId("onboarding-progress")).toHaveText("1 of 4 done");

  // An achievement, then a credential.
  await designAchievement(page, org.slug, { name: "First Steps", description: "Took the first steps.", criteria: "Take them." });

  // Halfway, in Spanish: the checklist's words, each step's state and the offer of a test.
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "es", url: baseURL! }]);
  await overview();
  const checklist = page.getByTestId("onboarding");
  await expect(checklist.getByRole("heading", { name: "Primeros pasos" })).toBeVisible();
  await expect(checklist.getByText("Cuatro pasos para llegar a tu primera insignia compartida.")).toBeVisible();
  await expect(page.getByTestId("onboarding-progress")).toHaveText("2 de 4 hechos");
  await expect(done("brand")).toContainText("Añade tu marca");
  await expect(done("brand")).toContainText("Hecho");
  await expect(done("design")).toContainText("Diseña un logro");
  await expect(done("issue")).toContainText("Emítelo");
  await expect(done("issue")).toContainText("Aún sin hacer");
  await expect(done("share")).toContainText("Consigue que la compartan");
  await expect(done("issue").getByRole("link", { name: "O envíate primero una insignia de prueba" })).toBeVisible();
  await expect(page.getByTestId("overview-numbers").getByRole("heading", { name: "Este mes hasta hoy" })).toBeVisible();
  await a11y.check();
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
  // Before the first credential the checklist offers a test to oneself, on the achievement's page.
  await overview();
  await done("issue").getByRole("link", { name: "Or first send a test badge to yourself" }).click();
  await expect(page).toHaveURL(/\/achievements\/[^/]+#send-test$/);
  await expect(page.getByRole("heading", { name: "Send a test to yourself" })).toBeVisible();
  await issueOne(page, org.slug, { email: learner, name: "Lee Learner" });
  await overview();
  await expect(page.getByTestId("onboarding-progress")).toHaveText("3 of 4 done");
  await expect(done("share")).toHaveAttribute("data-done", "false");
  await expect(page.getByRole("link", { name: "Or first send a test badge to yourself" })).toHaveCount(0);

  // This month's numbers, each as the analytics page shows it for the same days.
  const numbers = page.getByTestId("overview-numbers");
  const value = (key: string) => numbers.getByTestId(`overview-${key}`).getByTestId("overview-value");
  await expect(value("issued")).toHaveText("1");
  await expect(value("claimed")).toHaveText("0%");
  await expect(numbers.getByTestId("overview-claimed")).toContainText("0 of 1 issued");
  await expect(value("shared")).toHaveText("0%");
  const onOverview = { issued: await value("issued").textContent(), claimed: await value("claimed").textContent(), shared: await value("shared").textContent(), visitors: await value("visitors").textContent() };
  await numbers.getByRole("link", { name: "See this month in the analytics" }).click();
  const today = new Date().toISOString().slice(0, 10);
  await expect(page).toHaveURL(new RegExp(`/dashboard/${org.slug}/analytics\\?from=${today.slice(0, 7)}-01&to=${today}&compare=month$`));
  await expect(page.getByRole("link", { name: "This month" })).toHaveAttribute("aria-current", "true");
  const onAnalytics = {
    issued: await page.getByTestId("kpi-issued").getByTestId("kpi-value").textContent(),
    claimed: await page.getByTestId("funnel-step-claimed").getByTestId("funnel-rate").textContent(),
    shared: await page.getByTestId("benchmark-shareRate").getByTestId("benchmark-value").textContent(),
    visitors: await page.getByTestId("kpi-visitors").getByTestId("kpi-value").textContent(),
  };
  expect(onOverview).toEqual(onAnalytics);
  await signOut(page);

  // The learner claims it and shares it.
  const claimMail = await mail.waitFor(learner, { subject: /awarded you/, timeout: 30_000 });
  const claimUrl = new URL(claimMail.links.find((link) => /\/backpack\/claim\/[^/?]+\?t=/.test(link))!);
  await page.goto(claimUrl.pathname + claimUrl.search);
  await page.getByRole("link", { name: "Sign up to claim" }).click();
  await page.getByLabel("Your name").fill("Lee Learner");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await confirmSignUp(page, learner);
  await page.getByRole("button", { name: "Accept First Steps" }).click();
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  const share = page.getByRole("region", { name: "Share this credential" });
  await share.getByRole("button", { name: "Copy link" }).click();
  await expect(share.getByText("Link copied to the clipboard.")).toBeVisible();
  await signOut(page);

  // Every step done: the checklist is gone, and the numbers count the share.
  await signIn(page, ownerEmail);
  await overview();
  await expect(page.getByTestId("onboarding")).toHaveCount(0);
  await expect(page.getByTestId("overview-shared").getByTestId("overview-value")).toHaveText("100%");
  await expect(page.getByTestId("overview-shared")).toContainText("1 of 1 issued");
  await a11y.check();
});
