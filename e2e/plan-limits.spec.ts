import { runDatabaseFixture } from "./support/database-fixture.ts";
import { expect, test, uniqueEmail } from "./support/fixtures.ts";
import { signIn } from "./support/flows.ts";

/** A Free organization past its trial whose 50 credentials of the month are issued. */
function freeOrganizationAtQuota(): { email: string; orgSlug: string; achievement: string } {
  return JSON.parse(runDatabaseFixture("plan-fixture.ts"));
}

test("on Free, the 51st credential of the month and a third member are refused, naming the limit and the way to upgrade", async ({ page, a11y }) => {
  const org = freeOrganizationAtQuota();
  await signIn(page, org.email);

  await page.goto(`/dashboard/${org.orgSlug}/issue`);
  await page.getByLabel("Recipient's email").fill(uniqueEmail("fifty-first"));
  await page.getByRole("button", { name: "Issue credential" }).click();
  const refusal = page.getByRole("alert").filter({ hasText: "This month's 50 credentials on the Free plan are used up." });
  await expect(refusal).toBeVisible();
  await expect(refusal.getByRole("link", { name: "See plans" })).toHaveAttribute("href", `/dashboard/${org.orgSlug}/billing`);
  await a11y.check();

  // Nothing was issued.
  await page.goto(`/dashboard/${org.orgSlug}/credentials`);
  await expect(page.getByRole("table")).toHaveCount(0);

  // Two seats: the owner and one invitation; the next invitation is refused.
  await page.goto(`/dashboard/${org.orgSlug}/members`);
  const second = uniqueEmail("second");
  await page.getByLabel("Email address").fill(second);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${second}.`)).toBeVisible();
  await page.getByLabel("Email address").fill(uniqueEmail("third"));
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The Free plan has 2 seats and they are all taken." })).toBeVisible();
});
