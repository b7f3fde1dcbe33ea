import { expect, test, uniqueEmail, uniqueName, uniqueSlug } from "./support/fixtures.ts";
import { createOrganization, PASSWORD, signOut, signUp } from "./support/flows.ts";

test("sign-up names each bad field and keeps what was typed", async ({ page, mail, a11y }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Sam");
  await page.getByLabel("Email").fill("sam-at-example");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid email address, like name@example.com.")).toBeVisible();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Your name")).toHaveValue("Sam");
  await expect(page.getByLabel("Email")).toHaveValue("sam-at-example");
  await a11y.check();

  const email = uniqueEmail("sam");
  await signUp(page, { name: "Sam", email });
  await signOut(page);
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Sam again");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  // The same answer as for a new address (nobody learns who has an account); the owner is told by email.
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page.getByText(`We sent a message to ${email}.`)).toBeVisible();
  await a11y.check();
  const notice = await mail.waitFor(email, { subject: /Someone tried to create a Laurel account/ });
  expect(notice.links.some((link) => link.includes("/forgot-password"))).toBe(true);
});

test("a wrong password and an unknown address get the same answer", async ({ page, a11y }) => {
  const email = uniqueEmail("known");
  await signUp(page, { name: "Kim", email });
  await signOut(page);

  const answers: string[] = [];
  for (const [address, password] of [[email, "wrong-password!"], [uniqueEmail("unknown"), "wrong-password!"]]) {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(address);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    const alert = page.getByRole("alert").filter({ hasText: /match/ });
    await expect(alert).toBeVisible();
    answers.push((await alert.textContent()) ?? "");
  }
  expect(answers[0]).toBe(answers[1]);
  expect(answers[0]).toContain("That email and password don't match an account.");
  await a11y.check();
});

test("sign in with a magic link from the email", async ({ page, mail }) => {
  const email = uniqueEmail("magic");
  await signUp(page, { name: "Mo", email });
  await signOut(page);

  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const link = await mail.waitForLink(email, /\/api\/auth\/callback\/email/, { subject: /sign-in link/ });
  await page.goto(link);
  // No organization: signing in lands in the backpack.
  await expect(page).toHaveURL(/\/backpack$/);
  // The link works once.
  await signOut(page);
  await page.goto(link);
  await expect(page.getByText("That sign-in link has expired or was already used.")).toBeVisible();
});

test("reset a forgotten password by email", async ({ page, mail, a11y }) => {
  const email = uniqueEmail("forgetful");
  await signUp(page, { name: "Fay", email });
  await signOut(page);

  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByText("If an account uses that address, a reset link is on its way.")).toBeVisible();
  await a11y.check();

  const link = await mail.waitForLink(email, /\/reset-password\//, { subject: /Reset your Laurel password/ });
  await page.goto(link);
  await page.getByLabel("New password").fill("a-brand-new-password");
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page.getByText("Your password has been changed.")).toBeVisible();

  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a-brand-new-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/backpack$/);
});

test("organization forms refuse bad input clearly and save nothing", async ({ page, a11y }) => {
  const taken = { name: uniqueName("Taken"), slug: uniqueSlug("taken") };
  await signUp(page, { name: "Owen", email: uniqueEmail("owen") });
  await createOrganization(page, taken);

  await page.goto("/dashboard/new");
  await page.getByLabel("Organization name").fill("Second org");
  await page.getByLabel("Address").fill(taken.slug);
  await page.getByRole("button", { name: "Create organization" }).click();
  // The server refuses the address, beside the field, and the field says it is wrong.
  const address = page.getByLabel("Address");
  const takenMessage = page.getByText("Another organization already uses this address. Choose another.");
  await expect(takenMessage).toBeVisible();
  await expect(address).toHaveAttribute("aria-invalid", "true");
  await expect(address).toHaveAccessibleDescription("Another organization already uses this address. Choose another.");
  // Editing the address retracts that verdict at once, before anything is sent again: the
  // message goes, the field is no longer marked wrong, and the hint is back.
  await address.fill(`${taken.slug}-second`);
  await expect(takenMessage).toHaveCount(0);
  await expect(address).not.toHaveAttribute("aria-invalid", "true");
  await expect(address).toHaveAccessibleDescription("Used in your workspace's address. Lowercase letters, numbers and hyphens.");
  await expect(page).toHaveURL(/\/dashboard\/new$/);
  await page.getByLabel("Address").fill("Not A Slug!");
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByText("Use lowercase letters, numbers and single hyphens")).toBeVisible();

  await page.goto(`/dashboard/${taken.slug}/settings`);
  await a11y.check();
  await page.getByLabel("Name", { exact: true }).fill("Renamed while uploading");
  await page.getByLabel("Logo").setInputFiles({
    name: "huge.png",
    mimeType: "image/png",
    buffer: Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), Buffer.alloc(700 * 1024)]),
  });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("The file is too large: the limit is 512 KB.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(taken.name);

  await page.getByLabel("Primary colour", { exact: true }).fill("green");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Use a hex colour like #1f5f4a.")).toBeVisible();
});

test("an unknown invitation link says so", async ({ page, a11y }) => {
  await page.goto("/invite/this-token-does-not-exist-0123456789");
  await expect(page.getByRole("heading", { name: "Invitation not found" })).toBeVisible();
  await a11y.check();
});

test("public and auth pages speak Spanish to a Spanish browser", async ({ browser }) => {
  const context = await browser.newContext({ locale: "es-ES", extraHTTPHeaders: { "Accept-Language": "es-ES,es;q=0.9" } });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Sign in to Laurel");
  // The switcher remembers an explicit choice over the browser's language.
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to Laurel" })).toBeVisible();
  await context.close();
});
