// Steps a person takes again and again, written once.
import { expect, type Page } from "@playwright/test";
import { Mailbox } from "./mailbox.ts";

export const PASSWORD = "a-long-enough-password";

export async function signUp(page: Page, { name, email, password = PASSWORD }: { name: string; email: string; password?: string }) {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await confirmSignUp(page, email);
  // Signed in by the link: the dashboard sends a person without an organization to create one.
  await expect(page).toHaveURL(/\/dashboard\/new$/);
}

/**
 * After "Create account": the form says to check the inbox (the account exists once the
 * address is proven); opening the emailed link signs in and goes on to where sign-up began.
 */
export async function confirmSignUp(page: Page, email: string) {
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const url = process.env.LAUREL_E2E_MAILBOX_URL;
  if (!url) throw new Error("LAUREL_E2E_MAILBOX_URL is not set: run the browser tests with `npm run test:e2e`.");
  const link = await new Mailbox(url).waitForLink(email, /\/verify-email\?token=/, { subject: /Confirm your Laurel account/ });
  await page.goto(link);
}

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // Members land on their dashboard, people without an organization in their backpack.
  await expect(page).toHaveURL(/\/(dashboard|backpack)/);
}

export async function createOrganization(page: Page, { name, slug }: { name: string; slug: string }) {
  await page.goto("/dashboard/new");
  await page.getByLabel("Organization name").fill(name);
  await page.getByLabel("Address").fill(slug);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/${slug}$`));
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

export async function signOut(page: Page) {
  await page.context().clearCookies();
}

/** Designs an achievement through the dashboard's form (name, description, criteria, optionally its type; the default design). */
export async function designAchievement(page: Page, orgSlug: string, { name, description, criteria, type }: { name: string; description: string; criteria: string; type?: string }) {
  await page.goto(`/dashboard/${orgSlug}/achievements/new`);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Description", { exact: true }).fill(description);
  await page.getByLabel("Criteria", { exact: true }).fill(criteria);
  if (type) await page.getByLabel("Type", { exact: true }).selectOption(type);
  await page.getByRole("button", { name: "Create achievement" }).click();
  await expect(page.getByText("Saved. This is now version 1.")).toBeVisible();
}

/** Issues the organization's (only or first) achievement to one recipient from the Issue page. */
export async function issueOne(page: Page, orgSlug: string, { email, name }: { email: string; name: string }) {
  await page.goto(`/dashboard/${orgSlug}/issue`);
  await page.getByLabel("Recipient's email").fill(email);
  await page.getByLabel("Recipient's name").fill(name);
  await page.getByRole("button", { name: "Issue credential" }).click();
  await expect(page.getByText(`Credential issued to ${email}.`)).toBeVisible();
}

/** Creates an API key with these scopes on the organization's API keys page and returns it, as shown once. */
export async function createApiKey(page: Page, orgSlug: string, { name, scopes }: { name: string; scopes: string[] }): Promise<string> {
  await page.goto(`/dashboard/${orgSlug}/api-keys`);
  await page.getByLabel("Name").fill(name);
  for (const scope of scopes) await page.getByRole("checkbox", { name: new RegExp(scope) }).check();
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("you won't see it again")).toBeVisible();
  const key = await page.getByLabel("API key", { exact: true }).inputValue();
  expect(key).toMatch(/^lrl_live_/);
  return key;
}
