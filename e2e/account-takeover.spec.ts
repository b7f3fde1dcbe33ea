// An address nobody has proven reserves nothing: the person who proves the inbox owns it, and
// sessions end when the password changes or the owner signs out everywhere.
import type { Browser, Page } from "@playwright/test";
import { expect, test, uniqueEmail, uniqueName, uniqueSlug } from "./support/fixtures.ts";
import { confirmSignUp, createOrganization, PASSWORD, signIn, signUp } from "./support/flows.ts";

let visitor = 0;
/** Another person's browser, from their own network address. */
async function otherBrowser(browser: Browser, baseURL: string): Promise<Page> {
  visitor += 1;
  const context = await browser.newContext({
    baseURL,
    userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36",
    extraHTTPHeaders: { "X-Forwarded-For": `198.51.${110 + (visitor % 40)}.${Math.floor(Math.random() * 250) + 1}` },
  });
  return context.newPage();
}

async function fillSignUp(page: Page, name: string, email: string, password = PASSWORD) {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
}

async function passwordSignIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("a sign-up with someone else's address never becomes their account: their magic link makes their own", async ({ page: attacker, browser, mail, a11y, baseURL }) => {
  const victim = uniqueEmail("victim");
  const page = await otherBrowser(browser, baseURL!);

  // The attacker signs up with the victim's address: nothing exists until the inbox is proven.
  await fillSignUp(attacker, "Mallory", victim, "attacker-password-1");
  await a11y.check();
  await passwordSignIn(attacker, victim, "attacker-password-1");
  await expect(attacker.getByText("Confirm your email address first")).toBeVisible();
  await expect(attacker).toHaveURL(/\/sign-in/);
  await a11y.check();
  await attacker.getByRole("button", { name: "Send the link again" }).click();
  await expect(attacker.getByText("If that address is waiting for its link, a new one is on its way.")).toBeVisible();

  // The victim asks for a magic link and lands in a new account of their own.
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(victim);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const link = await mail.waitForLink(victim, /\/api\/auth\/callback\/email/, { subject: /sign-in link/ });
  await page.goto(link);
  await expect(page).toHaveURL(/\/backpack$/);
  const org = { name: uniqueName("Victim Co"), slug: uniqueSlug("victim") };
  await createOrganization(page, org);
  await page.goto("/account");
  await expect(page.getByLabel("Name", { exact: true })).not.toHaveValue("Mallory");
  await expect(page.getByRole("listitem").filter({ hasText: victim })).toContainText("Verified");

  // The attacker's password no longer opens anything, and their sign-up link is spent.
  await passwordSignIn(attacker, victim, "attacker-password-1");
  await expect(attacker.getByText("That email and password don't match an account.")).toBeVisible();
  const attackerLink = await mail.waitForLink(victim, /\/verify-email\?token=/, { subject: /Confirm your Laurel account/ });
  await attacker.goto(attackerLink);
  await expect(attacker.getByText("This verification link has expired or was already used.")).toBeVisible();
  await attacker.goto(`/dashboard/${org.slug}`);
  await expect(attacker).toHaveURL(/\/sign-in/);
  await page.context().close();
});

test("an address added unverified on another account blocks nobody: its owner signs up and owns it", async ({ page, browser, mail, a11y, baseURL }) => {
  const attackerEmail = uniqueEmail("mallory");
  const victim = uniqueEmail("victim");
  await signUp(page, { name: "Mallory", email: attackerEmail });

  await page.goto("/account");
  await page.getByLabel("Add an email address").fill(victim);
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByText(`We sent a verification link to ${victim}.`)).toBeVisible();
  await page.reload();
  const pending = page.getByRole("listitem").filter({ hasText: victim });
  await expect(pending).toContainText("Not verified");
  await expect(pending).toContainText("link expires");
  await a11y.check();

  // A second unverified address can be removed, and its link stops working.
  const spare = uniqueEmail("spare");
  await page.getByLabel("Add an email address").fill(spare);
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByText(`We sent a verification link to ${spare}.`)).toBeVisible();
  await page.getByRole("listitem").filter({ hasText: spare }).getByRole("button", { name: "Remove" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: spare })).toHaveCount(0);
  const spareLink = await mail.waitForLink(spare, /\/verify-email\?token=/, { subject: /Verify your email/ });
  await page.goto(spareLink);
  await expect(page.getByText("This verification link has expired or was already used.")).toBeVisible();

  // The victim signs up with their address as if nothing had happened, and owns it.
  const owner = await otherBrowser(browser, baseURL!);
  await fillSignUp(owner, "Vic Owner", victim);
  await confirmSignUp(owner, victim);
  await expect(owner).toHaveURL(/\/dashboard\/new$/);
  await owner.goto("/account");
  await expect(owner.getByRole("listitem").filter({ hasText: victim })).toContainText("Verified");

  // The attacker's addition is gone, and its link cannot take the address back.
  await page.goto("/account");
  await expect(page.getByRole("listitem").filter({ hasText: victim })).toHaveCount(0);
  const attackerLink = await mail.waitForLink(victim, /\/verify-email\?token=/, { subject: /Verify your email/ });
  await page.goto(attackerLink);
  await expect(page.getByText("This verification link has expired or was already used.")).toBeVisible();
  await owner.context().close();
});

test("a password reset and 'Sign out everywhere' end the sessions of other browsers", async ({ page, browser, mail, a11y, baseURL }) => {
  // Two browsers, five sign-ins and a reset: longer than one journey on a shared machine.
  test.setTimeout(180_000);
  const email = uniqueEmail("sessions");
  await signUp(page, { name: "Sam Sessions", email });
  const other = await otherBrowser(browser, baseURL!);
  await signIn(other, email);
  await other.goto("/account");
  await expect(other.getByRole("heading", { name: "Your account", exact: true })).toBeVisible();

  // A password reset signs every browser out.
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  const resetLink = await mail.waitForLink(email, /\/reset-password\//, { subject: /Reset your Laurel password/ });
  await page.goto(resetLink);
  await page.getByLabel("New password").fill("a-brand-new-password");
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page.getByText("Your password has been changed.")).toBeVisible();
  await other.goto("/account");
  await expect(other).toHaveURL(/\/sign-in/);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/sign-in/);

  // "Sign out everywhere" from one browser ends the other's session too.
  await signIn(page, email, "a-brand-new-password");
  await signIn(other, email, "a-brand-new-password");
  await page.goto("/account");
  await a11y.check();
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await other.goto("/account");
  await expect(other).toHaveURL(/\/sign-in/);
  await other.context().close();
});

test("after sign-in, a callback to another site goes to the person's home instead", async ({ page }) => {
  const email = uniqueEmail("redirect");
  await signUp(page, { name: "Rita Redirect", email });
  // As an attacker writes them into a link (already URL-encoded where they are encoded).
  for (const callbackUrl of ["/%09/evil.example", "/%5Cevil.example", "%2F%2Fevil.example", "https://evil.example/"]) {
    await page.context().clearCookies();
    await page.goto(`/sign-in?callbackUrl=${callbackUrl}`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    // A refused callback falls back to the person's home (the backpack: Rita has no organization).
    await expect(page).toHaveURL(/\/backpack$/);
    expect(new URL(page.url()).hostname).not.toContain("evil");
  }
});

test("another site's server action or cookie-route post is answered 403, not 500", async ({ page, request }) => {
  await signUp(page, { name: "Olga Origin", email: uniqueEmail("origin") });
  const org = { name: uniqueName("Origin Co"), slug: uniqueSlug("origin") };
  await createOrganization(page, org);
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  for (const origin of ["https://evil.example", "null"]) {
    const action = await request.post("/account", {
      headers: { "Next-Action": "0123456789abcdef0123456789abcdef01234567", Origin: origin, Cookie: cookie, "Content-Type": "text/plain;charset=UTF-8" },
      data: "[]",
    });
    expect(action.status()).toBe(403);
    const upload = await request.post(`/dashboard/${org.slug}/issue/bulk/upload`, {
      headers: { Origin: origin, Cookie: cookie },
      multipart: { mode: "preview", file: { name: "people.csv", mimeType: "text/csv", buffer: Buffer.from("email\nlee@example.com\n") } },
    });
    expect(upload.status()).toBe(403);
    expect(await upload.json()).toMatchObject({ error: { code: "forbidden" } });
  }
});
