import { expect, test, uniqueEmail, uniqueName, uniqueSlug } from "./support/fixtures.ts";
import { confirmSignUp, createOrganization, PASSWORD, signOut, signUp } from "./support/flows.ts";

test("a learner claims a badge from the email, keeps it in the backpack, curates it; another account cannot claim it", async ({ page, browser, request, mail, a11y }) => {
  test.setTimeout(180_000);
  const org = { name: uniqueName("Backpack Academy"), slug: uniqueSlug("backpack") };
  const learner = uniqueEmail("learner");

  // An organization issues a badge to the learner's address.
  await signUp(page, { name: "Iris Issuer", email: uniqueEmail("iris") });
  await createOrganization(page, org);
  await page.goto(`/dashboard/${org.slug}/achievements/new`);
  await page.getByLabel("Name", { exact: true }).fill("Community Mentor");
  await page.getByLabel("Description", { exact: true }).fill("Mentors newcomers through their first project.");
  await page.getByLabel("Criteria", { exact: true }).fill("Mentor **three** newcomers to their first merged change.");
  await page.getByLabel("Title on the badge").fill("Mentor");
  await page.getByRole("button", { name: "Create achievement" }).click();
  await expect(page.getByText("Saved. This is now version 1.")).toBeVisible();
  await page.goto(`/dashboard/${org.slug}/issue`);
  await page.getByLabel("Recipient's email").fill(learner);
  await page.getByLabel("Recipient's name").fill("Lou Learner");
  await page.getByRole("button", { name: "Issue credential" }).click();
  await expect(page.getByText(`Credential issued to ${learner}.`)).toBeVisible();
  await signOut(page);

  // The email's button is the claim link; its footnote keeps the public credential URL.
  const claimMail = await mail.waitFor(learner, { subject: /awarded you/, timeout: 30_000 });
  const claimUrl = claimMail.links.find((link) => /\/backpack\/claim\/[^/?]+\?t=[\w-]+$/.test(link));
  expect(claimUrl, claimMail.links.join(", ")).toBeTruthy();
  const credentialUrl = claimMail.links.find((link) => /\/c\/[^/?]+$/.test(link))!;
  const credentialPath = new URL(credentialUrl).pathname;
  const claimPath = new URL(claimUrl!).pathname + new URL(claimUrl!).search;

  // Signed out, the claim page shows the badge and offers sign-up with the address filled in.
  await page.goto(claimPath);
  await expect(page.getByRole("heading", { level: 1, name: "Community Mentor" })).toBeVisible();
  await expect(page.getByText(`Create a free account or sign in with ${learner}`)).toBeVisible();
  await page.getByRole("link", { name: "Sign up to claim" }).click();
  await expect(page.getByLabel("Email")).toHaveValue(learner);
  await page.getByLabel("Your name").fill("Lou Learner");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await confirmSignUp(page, learner);

  // Back on the claim page, signed in: the link verified the address; accept it.
  await expect(page.getByRole("heading", { name: "Add it to your backpack?" })).toBeVisible();
  await expect(page.getByText(`We've confirmed ${learner} on your account with this link.`)).toBeVisible();
  await page.getByRole("button", { name: "Accept Community Mentor" }).click();

  // The detail page: the verification result check by check, criteria and downloads.
  await expect(page).toHaveURL(/\/backpack\/[^/]+$/);
  const detailPath = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1, name: "Community Mentor" })).toBeVisible();
  await expect(page.getByText("Every check passed.")).toBeVisible();
  await expect(page.getByTestId("verification-check")).toHaveCount(5);
  for (const check of ["Signature", "Format (schema)", "Dates", "Status (not revoked)", "Issuer"]) {
    await expect(page.getByTestId("verification-check").filter({ hasText: `${check}: Passed` })).toBeVisible();
  }
  await expect(page.locator(".prose-criteria strong")).toHaveText("three");
  await expect(page.getByRole("link", { name: "Badge image (PNG, with the credential inside)" })).toHaveAttribute("href", `${credentialPath}/badge.png`);
  await a11y.check();

  // The backpack grid shows it; the list view is kept in the URL.
  await page.goto("/backpack");
  const card = page.getByTestId("backpack-item").filter({ hasText: "Community Mentor" });
  await expect(page.getByTestId("backpack-grid")).toBeVisible();
  await expect(card).toContainText(org.name);
  await expect(card).toContainText("Valid");
  await expect(card).toContainText("Public");
  await a11y.check();
  await page.getByRole("link", { name: "List", exact: true }).click();
  await expect(page).toHaveURL(/[?&]view=list/);
  await expect(page.getByTestId("backpack-list").getByTestId("backpack-item")).toContainText("Community Mentor");
  // Filters are a plain GET form: the status filter lands in the URL with the view.
  await page.getByLabel("Status").selectOption("expired");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/status=expired/);
  await expect(page).toHaveURL(/view=list/);
  await expect(page.getByText("Nothing matches these filters")).toBeVisible();

  // Private: a stranger gets 404 at its public page; public again: it is back.
  await page.goto(detailPath);
  await page.getByLabel("Private").check();
  await page.getByRole("button", { name: "Save visibility" }).click();
  await expect(page.getByText("Visibility saved.")).toBeVisible();
  // Next.js clears the cached page just after the action answers, so a request racing the
  // answer may still get the old copy; the next one must not.
  await expect.poll(async () => (await request.get(credentialPath)).status()).toBe(404);
  await page.getByLabel("Public").check();
  await page.getByRole("button", { name: "Save visibility" }).click();
  await expect(page.getByText("Visibility saved.")).toBeVisible();
  await expect.poll(async () => (await request.get(credentialPath)).status()).toBe(200);

  // Pin it to the profile.
  await page.getByRole("button", { name: "Pin to profile" }).click();
  await expect(page.getByText("Pinned at position 1 of 6.")).toBeVisible();

  // A collection, with the credential in it.
  await page.goto("/backpack/collections");
  await expect(page.getByText("No collections yet")).toBeVisible();
  await page.getByLabel("Name").fill("Open source");
  await page.getByLabel("Description (optional)").fill("What I do in the community");
  await page.getByRole("button", { name: "Create collection" }).click();
  await expect(page.getByText("Collection “Open source” created.")).toBeVisible();
  await a11y.check();
  await page.getByRole("link", { name: "Open source" }).click();
  await page.getByLabel("Credential").selectOption({ label: "Community Mentor" });
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByTestId("collection-item")).toContainText("Community Mentor");

  await page.goto("/backpack");
  await expect(page.getByTestId("pinned-list")).toContainText("Community Mentor");
  await expect(card).toContainText("Pinned #1");

  // Someone signed in with another address opens the same link: refused, nothing to accept.
  // Its own network address, as another visitor would have (sign-ups are rate-limited per address).
  const other = await browser.newContext({ baseURL: new URL(page.url()).origin, extraHTTPHeaders: { "X-Forwarded-For": `198.19.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}` } });
  const otherPage = await other.newPage();
  await signUp(otherPage, { name: "Olga Other", email: uniqueEmail("olga") });
  await otherPage.goto(claimPath);
  await expect(otherPage.getByText(`This badge was sent to l•••@example.com. Sign in with that address, or add it to your account and verify it.`)).toBeVisible();
  await expect(otherPage.getByRole("button", { name: /Accept/ })).toHaveCount(0);
  await other.close();
});
