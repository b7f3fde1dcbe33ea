import { runDatabaseFixture } from "./support/database-fixture.ts";
import { expect, test } from "./support/fixtures.ts";
import { signIn } from "./support/flows.ts";

type Fixture = { email: string; orgSlug: string; recipient: string };

test("a recipient unsubscribes from claim reminders in one click; an altered link is refused", async ({ page, mail, a11y }) => {
  test.setTimeout(150_000);
  const fixture = JSON.parse(runDatabaseFixture("engagement-email-fixture.ts")) as Fixture;
  const link = await mail.waitForLink(fixture.recipient, /\/email\/unsubscribe\?t=/, { subject: /Lamp Keeper badge from Lighthouse Academy is still waiting/, timeout: 90_000 });

  // Opening the link changes nothing (link scanners open links too): it asks.
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Unsubscribe" })).toBeVisible();
  await expect(page.getByText(`Stop “Claim reminders” emails from Lighthouse Academy to ${fixture.recipient}?`)).toBeVisible();
  await a11y.check();
  await page.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "You're unsubscribed" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText(`Lighthouse Academy will send no more “Claim reminders” emails to ${fixture.recipient}.`);
  await a11y.check();

  const url = new URL(link);
  const token = url.searchParams.get("t")!;
  url.searchParams.set("t", `${token.slice(0, -3)}abc`);
  await page.goto(url.toString());
  await expect(page.getByRole("heading", { level: 1, name: "This unsubscribe link is not valid" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Unsubscribe" })).toHaveCount(0);
  await a11y.check();
});

test("an owner sets the claim reminder days and turns re-engagement off", async ({ page, a11y }) => {
  const fixture = JSON.parse(runDatabaseFixture("engagement-email-fixture.ts")) as Fixture;
  await signIn(page, fixture.email);
  await page.goto(`/dashboard/${fixture.orgSlug}/settings`);
  const days = page.getByLabel("Claim reminders (days after the claim email)");
  await expect(days).toHaveValue("3, 10");
  await expect(page.getByLabel("Days without activity in a program")).toHaveValue("30");
  await a11y.check();

  await days.fill("2, 0");
  await page.getByRole("button", { name: "Save email settings" }).click();
  await expect(days).toHaveAttribute("aria-invalid", "true");

  await days.fill("7, 2");
  await page.getByLabel("Invite learners back after a quiet spell").uncheck();
  await expect(page.getByLabel("Days without activity in a program")).toHaveCount(0);
  await page.getByRole("button", { name: "Save email settings" }).click();
  await expect(page.getByText("Email settings saved.")).toBeVisible();
  await a11y.check();

  await page.reload();
  await expect(page.getByLabel("Claim reminders (days after the claim email)")).toHaveValue("2, 7");
  await expect(page.getByLabel("Invite learners back after a quiet spell")).not.toBeChecked();
});
