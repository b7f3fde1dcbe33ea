import { readFile } from "node:fs/promises";
import { expect, test, uniqueEmail, uniqueName, uniqueSlug } from "./support/fixtures.ts";
import { createOrganization, signUp } from "./support/flows.ts";

test("an issuer designs a badge, uploads a CSV with one bad row, issues the rest with live progress, downloads the report and revokes one", async ({ page, mail, a11y }) => {
  test.setTimeout(90_000);
  const org = { name: uniqueName("Bulk Academy"), slug: uniqueSlug("bulk") };
  await signUp(page, { name: "Iris Issuer", email: uniqueEmail("iris") });
  await createOrganization(page, org);

  await page.goto(`/dashboard/${org.slug}/achievements/new`);
  await page.getByLabel("Name", { exact: true }).fill("Spreadsheet Wizard");
  await page.getByLabel("Description", { exact: true }).fill("Tames any spreadsheet.");
  await page.getByLabel("Criteria", { exact: true }).fill("Pass the final exercise.");
  await page.locator("label").filter({ hasText: /^Rosette$/ }).click();
  await page.getByLabel("Title on the badge").fill("Wizard");
  await page.getByRole("button", { name: "Create achievement" }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/${org.slug}/achievements/[a-z0-9]+\\?saved=1$`));

  const ada = uniqueEmail("ada");
  const bo = uniqueEmail("bo");
  const csv = ["Email,Full name,Issue date", `${ada},Ada Lovelace,2026-01-15`, "not-an-email,Nobody,2026-01-15", `${bo},"=HYPERLINK(""http://evil.example"")",`].join("\n");

  await page.goto(`/dashboard/${org.slug}/issue/bulk`);
  await expect(page.getByRole("heading", { level: 1, name: "Issue from a spreadsheet" })).toBeVisible();
  await page.getByLabel("Achievement").selectOption({ label: "Spreadsheet Wizard" });
  await page.getByLabel("CSV file").setInputFiles({ name: "cohort.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  // Columns are matched from the header names, and can be changed.
  await expect(page.getByLabel("Email (required)")).toHaveValue("0");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("1");
  await expect(page.getByLabel("Issue date")).toHaveValue("2");
  await page.getByRole("button", { name: "Check file" }).click();

  await expect(page.getByText("3 rows: 2 can be issued, 1 has a problem.")).toBeVisible();
  const badRow = page.getByTestId("bulk-preview-row").filter({ hasText: "not-an-email" });
  await expect(badRow).toContainText("“not-an-email” is not a valid email address.");
  await a11y.check();

  await page.getByRole("button", { name: "Issue 2 credentials" }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/${org.slug}/issue/bulk/[\\w-]+$`));
  const progress = page.getByRole("progressbar", { name: "Rows processed" });
  await expect(progress).toHaveAttribute("aria-valuemax", "3");
  await expect(progress).toHaveAttribute("aria-valuenow", "3", { timeout: 30_000 });
  await expect(page.getByTestId("bulk-progress-text")).toHaveText("3 of 3 rows (100%) · 1 error");
  await expect(page.getByTestId("bulk-job-status")).toHaveText("Completed with 1 failed row");
  await expect(page.getByTestId("bulk-issued")).toHaveText("2");
  await expect(page.getByTestId("bulk-failed")).toHaveText("1");
  await expect(page.getByTestId("bulk-failure")).toContainText("Row 3 (not-an-email):");
  await a11y.check();

  // The state is in the database: a reload shows the same outcome.
  await page.reload();
  await expect(page.getByRole("progressbar", { name: "Rows processed" })).toHaveAttribute("aria-valuenow", "3");

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download report (CSV)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("cohort-report.csv");
  const report = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "").trimEnd().split("\r\n");
  expect(report[0]).toBe("Row,Email,Name,Status,Credential URL,Error");
  expect(report[1]).toMatch(new RegExp(`^2,${ada.replace(/[.+]/g, "\\$&")},Ada Lovelace,issued,http://[^,]+/c/[\\w-]+,$`));
  expect(report[2]).toMatch(/^3,not-an-email,Nobody,failed,,.*not a valid email address/);
  // The formula a recipient's name carried cannot run in a spreadsheet.
  expect(report[3]).toContain(`"'=HYPERLINK(""http://evil.example"")"`);

  // Both recipients get their claim email.
  for (const to of [ada, bo]) await expect((await mail.waitFor(to, { timeout: 30_000 })).links.some((link) => /\/c\/[\w-]+/.test(link))).toBe(true);

  await page.goto(`/dashboard/${org.slug}/issue/bulk`);
  await expect(page.getByTestId("bulk-job-row").filter({ hasText: "cohort.csv" })).toContainText("3 of 3 done · 2 issued · 1 failed");
  await expect(page.getByTestId("bulk-job-row").filter({ hasText: "cohort.csv" })).toContainText("Completed with 1 failed row");

  // From the job to exactly the credentials it issued.
  await page.getByTestId("bulk-job-row").filter({ hasText: "cohort.csv" }).getByRole("link").first().click();
  await page.getByRole("link", { name: "View the 2 credentials it issued" }).click();
  await expect(page.getByTestId("job-filter")).toBeVisible();
  await expect(page.getByTestId("credential-row")).toHaveCount(2);
  await a11y.check();

  // Revoke one of them from the credentials table; its public page says so at once.
  const adaUrl = report[1].split(",")[4];
  await page.goto(`/dashboard/${org.slug}/credentials`);
  await expect(page.getByTestId("credential-row")).toHaveCount(2);
  await page.getByRole("checkbox", { name: "Select Ada Lovelace" }).check();
  page.on("dialog", (dialog) => dialog.accept());
  await page.getByLabel("Reason for revoking the selected credential").fill("Sent to the wrong cohort");
  await page.getByRole("button", { name: "Revoke 1 credential" }).click();
  await expect(page.getByTestId("credential-row").filter({ hasText: "Ada Lovelace" })).toContainText("Revoked");
  await page.goto(new URL(adaUrl).pathname);
  await expect(page.getByText("The issuer has revoked this credential.")).toBeVisible();
  await expect(page.getByText("Sent to the wrong cohort")).toHaveCount(0);
});
