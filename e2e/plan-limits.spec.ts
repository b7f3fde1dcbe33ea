import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, test, uniqueEmail } from "./support/fixtures.ts";
import { PASSWORD, signIn } from "./support/flows.ts";

/** A Free organization past its trial whose 50 credentials of the month are issued. */
function freeOrganizationAtQuota(): { email: string; orgSlug: string; achievement: string } {
  const databaseUrl = process.env.LAUREL_E2E_DATABASE_URL;
  if (!databaseUrl) throw new Error("The plan limit browser tests write their data into PostgreSQL: run them with DATABASE_URL set.");
  const script = fileURLToPath(new URL("./support/plan-fixture.ts", import.meta.url));
  const output = execFileSync("npx", ["tsx", script], {
    env: { ...process.env, DATABASE_URL: databaseUrl, FIXTURE_PASSWORD: PASSWORD, LOG_LEVEL: "silent" },
    encoding: "utf8",
  });
  return JSON.parse(output.trim().split("\n").pop()!);
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
