import { expect, test, uniqueEmail, uniqueName, uniqueSlug } from "./support/fixtures.ts";
import { confirmSignUp, createOrganization, PASSWORD, signIn, signOut, signUp } from "./support/flows.ts";

test("sign up, create an organization, invite a viewer who joins, and the viewer's role holds", async ({ page, mail, a11y }) => {
  // Two sign-ups, each confirmed from its email, and five accessibility checks.
  test.setTimeout(150_000);
  const ownerEmail = uniqueEmail("owner");
  const viewerEmail = uniqueEmail("viewer");
  const org = { name: uniqueName("Academy"), slug: uniqueSlug("academy") };

  await signUp(page, { name: "Olga Owner", email: ownerEmail });
  await a11y.check();
  await createOrganization(page, org);
  await a11y.check();

  // A new organization has no signing key yet: it may create one, there is nothing to rotate.
  await page.goto(`/dashboard/${org.slug}/settings`);
  await expect(page.getByText("No key yet: one is created when you issue your first credential.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create the signing key now" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Rotate the signing key" })).toHaveCount(0);

  // The LinkedIn company page: the page's admin address gives its number; a vanity name cannot.
  const linkedInId = page.getByLabel("LinkedIn company page id");
  await linkedInId.fill("https://www.linkedin.com/company/acme-academy/");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Enter the number from your company page's admin address, like linkedin.com/company/12345/admin.")).toBeVisible();
  await linkedInId.fill("https://www.linkedin.com/company/2414183/admin/");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Saved.", { exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("LinkedIn company page id")).toHaveValue("2414183");

  await page.getByRole("link", { name: "Members", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
  // The only owner is not offered to leave (the organization would have none).
  await expect(page.getByTestId("member-row")).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Leave organization" })).toHaveCount(0);
  await page.getByLabel("Email address").fill(viewerEmail);
  await page.getByLabel("Role").selectOption("viewer");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${viewerEmail}.`)).toBeVisible();
  await expect(page.getByTestId("invitation-row").filter({ hasText: viewerEmail })).toContainText("Viewer");
  await a11y.check();

  const mailed = await mail.waitFor(viewerEmail, { subject: /invited to/ });
  expect(mailed.subject).toBe(`You're invited to ${org.name} on Laurel`);
  expect(mailed.text).toContain(`Olga Owner invited you to join ${org.name} as Viewer`);
  const inviteLink = mailed.links.find((link) => link.includes("/invite/"));
  expect(inviteLink).toBeTruthy();

  // The invitee has no account yet: the invitation page offers to create one and comes back.
  await signOut(page);
  await page.goto(inviteLink!);
  await expect(page.getByRole("heading", { name: `Join ${org.name}` })).toBeVisible();
  await a11y.check();
  await page.getByRole("link", { name: "Create an account to join" }).click();
  await expect(page.getByLabel("Email")).toHaveValue(viewerEmail);
  await page.getByLabel("Your name").fill("Vera Viewer");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await confirmSignUp(page, viewerEmail);
  await expect(page).toHaveURL(/\/invite\//);
  await page.getByRole("button", { name: "Accept and join" }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/${org.slug}$`));
  await expect(page.getByText("You're signed in as Viewer.")).toBeVisible();

  // A viewer sees the invite form disabled; forcing it open, the server still refuses.
  await page.getByRole("link", { name: "Members", exact: true }).click();
  await expect(page.getByText("Only owners can invite and manage members.")).toBeVisible();
  await expect(page.getByLabel("Email address")).toBeDisabled();
  // A member who is not the only owner may leave.
  await expect(page.getByRole("button", { name: "Leave organization" })).toHaveCount(1);
  await page.locator("fieldset").first().evaluate((fieldset) => fieldset.removeAttribute("disabled"));
  await page.getByLabel("Email address").fill(uniqueEmail("sneaky"));
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText("Your role in this organization does not allow this.")).toBeVisible();
  await expect(page.getByTestId("member-row")).toHaveCount(2);

  // Back as the owner: the new member is listed with the role, the invitation is no longer pending.
  await signOut(page);
  await signIn(page, ownerEmail);
  await page.goto(`/dashboard/${org.slug}/members`);
  await expect(page.getByTestId("member-row").filter({ hasText: viewerEmail })).toContainText("Viewer");
  await expect(page.getByText("No invitations are waiting for an answer.")).toBeVisible();
});

test("a member of one organization gets 404 for another's pages, API and actions", async ({ page, browser, request }) => {
  const orgA = { name: uniqueName("Alpha"), slug: uniqueSlug("alpha") };
  const orgB = { name: uniqueName("Beta"), slug: uniqueSlug("beta") };

  const other = await browser.newPage();
  await signUp(other, { name: "Bea", email: uniqueEmail("bea") });
  await createOrganization(other, orgB);
  await other.close();

  await signUp(page, { name: "Al", email: uniqueEmail("al") });
  await createOrganization(page, orgA);

  for (const path of [`/dashboard/${orgB.slug}`, `/dashboard/${orgB.slug}/settings`, `/dashboard/${orgB.slug}/members`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
  const api = await page.request.get(`/api/orgs/${orgB.slug}/members`);
  expect(api.status()).toBe(404);
  expect((await api.json()).error.code).toBe("not_found");
  expect((await page.request.get(`/api/orgs/${orgA.slug}/members`)).status()).toBe(200);

  // A settings form pointed at the other organization is refused and changes nothing.
  await page.goto(`/dashboard/${orgA.slug}/settings`);
  await page.locator('input[name="org"]').first().evaluate((input, slug) => ((input as HTMLInputElement).value = slug), orgB.slug);
  await page.getByLabel("Name", { exact: true }).fill("Hijacked");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("We couldn't find that. It may have been removed.")).toBeVisible();

  // Without a session the API asks for one.
  const anonymous = await request.get(`/api/orgs/${orgB.slug}/members`);
  expect(anonymous.status()).toBe(401);
});

test("switch between organizations, set the language on the account and from the dashboard, sign out", async ({ page, a11y }) => {
  // Two organizations, two language changes and their reloads.
  test.setTimeout(150_000);
  // The name the switcher used to cut ("Northwind Traini…") is shown whole. Names need not be
  // unique: the switcher lists this person's organizations only.
  const first = { name: "Northwind Training", slug: uniqueSlug("first") };
  const second = { name: uniqueName("Second"), slug: uniqueSlug("second") };
  const email = uniqueEmail("multi");
  await signUp(page, { name: "Max", email });
  await createOrganization(page, first);
  await page.locator("summary").filter({ hasText: first.name }).click();
  await page.getByRole("link", { name: "+ New organization" }).click();
  await expect(page).toHaveURL(/\/dashboard\/new$/);
  await createOrganization(page, second);

  await page.locator("summary").filter({ hasText: second.name }).click();
  await page.getByRole("link", { name: first.name }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/${first.slug}$`));
  await expect(page.getByRole("heading", { level: 1, name: first.name })).toBeVisible();
  const switcherName = page.getByTestId("org-switcher-name");
  await expect(switcherName).toHaveText(first.name);
  expect(await switcherName.evaluate((node) => node.scrollHeight - node.clientHeight + (node.scrollWidth - node.clientWidth))).toBeLessThanOrEqual(0);

  // The dashboard has its own language switch, remembered on the account.
  await page.getByRole("button", { name: "Español" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.getByRole("link", { name: "Resumen" })).toBeVisible();
  await a11y.check();
  await page.context().clearCookies({ name: "NEXT_LOCALE" });
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  await page.goto("/account");
  await a11y.check();
  await page.getByRole("combobox", { name: "Language" }).selectOption("es");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  // The page answers in the new language once the setting is saved.
  await expect(page.getByText(/^(Saved|Guardado)\.$/)).toBeVisible();
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  // The saved setting follows the person to a browser that prefers English.
  await page.context().clearCookies({ name: "NEXT_LOCALE" });
  await page.goto("/dashboard");
  await expect(page.locator("html")).toHaveAttribute("lang", "es");

  // Signing out lives in the person's menu.
  await page.getByRole("button", { name: /Tu menú/ }).click();
  await page.getByRole("button", { name: "Cerrar sesión" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto(`/dashboard/${first.slug}`);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
});
