import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, test, uniqueEmail, uniqueName, uniqueSlug } from "./support/fixtures.ts";
import { createOrganization, designAchievement, signUp } from "./support/flows.ts";

async function issuerWithAchievement(page: Page, achievement: string) {
  const org = { name: uniqueName("Cohort School"), slug: uniqueSlug("cohort") };
  await signUp(page, { name: "Tess Teacher", email: uniqueEmail("tess") });
  await createOrganization(page, org);
  await designAchievement(page, org.slug, { name: achievement, description: "Handles data with care.", criteria: "Finish the course." });
  return org;
}

const csvLines = async (path: string) => (await readFile(path, "utf8")).replace(/^\uFEFF/, "").trimEnd().split("\r\n");

test("an issuer downloads the template, pastes rows, fixes the one that failed and retries it without issuing anyone twice", async ({ page, mail, a11y }) => {
  test.setTimeout(120_000);
  const org = await issuerWithAchievement(page, "Data Steward");
  await page.goto(`/dashboard/${org.slug}/issue/bulk`);
  await page.getByLabel("Achievement").selectOption({ label: "Data Steward" });

  // The template names the columns this achievement takes.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV template" }).click();
  const template = await downloading;
  expect(template.suggestedFilename()).toBe("data-steward-recipients.csv");
  expect(await csvLines((await template.path())!)).toEqual(["email,name,result,issue_date,expiry_date"]);

  // Three rows pasted from a spreadsheet (tab-separated), one with a broken address.
  const ada = uniqueEmail("ada");
  const cy = uniqueEmail("cy");
  const bo = uniqueEmail("bo");
  await page.getByLabel("Paste rows from a spreadsheet").check();
  await page.getByLabel("Rows from a spreadsheet", { exact: true }).fill(["email\tname\tresult", `${ada}\tAda Lovelace\tDistinction`, `bo-at-example\tBo Diddley\tMerit`, `${cy}\tCy Young\tPass`].join("\n"));
  await expect(page.getByLabel("Result", { exact: true })).toHaveValue("2");
  await page.getByRole("button", { name: "Check file" }).click();
  await expect(page.getByText("3 rows: 2 can be issued, 1 has a problem.")).toBeVisible();
  // Every mapped column is in the preview, the result included.
  await expect(page.getByRole("columnheader", { name: "Result" })).toBeVisible();
  await expect(page.getByTestId("bulk-preview-row").filter({ hasText: ada })).toContainText("Distinction");
  await a11y.check();

  await page.getByRole("button", { name: "Issue 2 credentials" }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/${org.slug}/issue/bulk/[\\w-]+$`));
  const jobUrl = page.url();
  await expect(page.getByTestId("bulk-job-status")).toHaveText("Completed with 1 failed row", { timeout: 30_000 });
  await expect(page.getByTestId("bulk-issued")).toHaveText("2");

  // The failed rows, with the pasted columns and the reason.
  const downloadingFailed = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download failed rows (CSV)" }).click();
  const failedFile = await downloadingFailed;
  expect(await csvLines((await failedFile.path())!)).toEqual(["email,name,result,error", "bo-at-example,Bo Diddley,Merit,“bo-at-example” is not a valid email address."]);
  await a11y.check();

  // Corrected in place and tried again: the job ends with every row issued.
  await expect(page.getByTestId("bulk-failure")).toHaveCount(1);
  await page.getByLabel("Email of row 3").fill(bo);
  await page.getByRole("button", { name: "Retry the chosen rows" }).click();
  await expect(page.getByTestId("bulk-job-status")).toHaveText("Completed", { timeout: 30_000 });
  await expect(page.getByTestId("bulk-issued")).toHaveText("3");
  await expect(page.getByTestId("bulk-failed")).toHaveText("0");
  await expect(page.getByTestId("bulk-progress-text")).toHaveText("3 of 3 rows (100%) · no errors");
  await expect(page.getByText("Every row was issued.")).toBeVisible();

  // Three credentials in all, one each: the rows issued first were not issued again.
  await page.getByRole("link", { name: "View the 3 credentials it issued" }).click();
  await expect(page.getByTestId("credential-row")).toHaveCount(3);
  await page.goto(`/dashboard/${org.slug}/credentials`);
  await expect(page.getByTestId("credential-row")).toHaveCount(3);
  await expect((await mail.waitFor(bo, { timeout: 30_000 })).links.some((link) => /\/c\/[\w-]+/.test(link))).toBe(true);
  for (const to of [ada, cy]) {
    await mail.waitFor(to, { timeout: 30_000 });
    expect(await mail.list(to)).toHaveLength(1);
  }

  // A retry with nothing left to retry offers none.
  await page.goto(jobUrl);
  await expect(page.getByRole("button", { name: "Retry the chosen rows" })).toHaveCount(0);
});

test("an issuer downloads a job's failed rows, corrects the address in the file and uploads it as a new job, which issues that row", async ({ page, mail }) => {
  test.setTimeout(120_000);
  const org = await issuerWithAchievement(page, "Lab Safety");
  const ada = uniqueEmail("ada");
  const bo = uniqueEmail("bo");
  await page.goto(`/dashboard/${org.slug}/issue/bulk`);
  await page.getByLabel("Achievement").selectOption({ label: "Lab Safety" });
  await page.getByLabel("CSV file", { exact: true }).setInputFiles({ name: "spring-cohort.csv", mimeType: "text/csv", buffer: Buffer.from(`email,name\n${ada},Ada Lovelace\nbo-at-example,Bo Diddley\n`) });
  await page.getByRole("button", { name: "Check file" }).click();
  await expect(page.getByText("2 rows: 1 can be issued, 1 has a problem.")).toBeVisible();
  await page.getByRole("button", { name: "Issue 1 credential" }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/${org.slug}/issue/bulk/[\\w-]+$`));
  const firstJob = page.url();
  await expect(page.getByTestId("bulk-job-status")).toHaveText("Completed with 1 failed row", { timeout: 30_000 });

  // The failed rows, as a file named after the upload, with the reason in a last column.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download failed rows (CSV)" }).click();
  const failedFile = await downloading;
  expect(failedFile.suggestedFilename()).toBe("spring-cohort-failed-rows.csv");
  const failedCsv = await readFile((await failedFile.path())!, "utf8");
  expect(await csvLines((await failedFile.path())!)).toEqual(["email,name,error", "bo-at-example,Bo Diddley,“bo-at-example” is not a valid email address."]);

  // Corrected as in a spreadsheet (the address fixed, the error column left as it is) and uploaded again.
  const corrected = failedCsv.replace("\r\nbo-at-example,", `\r\n${bo},`);
  expect(corrected).not.toBe(failedCsv);
  await page.goto(`/dashboard/${org.slug}/issue/bulk`);
  await page.getByLabel("Achievement").selectOption({ label: "Lab Safety" });
  await page.getByLabel("CSV file", { exact: true }).setInputFiles({ name: failedFile.suggestedFilename(), mimeType: "text/csv", buffer: Buffer.from(corrected) });
  await page.getByRole("button", { name: "Check file" }).click();
  await expect(page.getByText("1 row: 1 can be issued, none has problems.")).toBeVisible();
  await expect(page.getByTestId("bulk-preview-row").filter({ hasText: bo })).toContainText("Bo Diddley");
  await page.getByRole("button", { name: "Issue 1 credential" }).click();

  // A new job, for the corrected file, that issues the row.
  await expect(page).toHaveURL(new RegExp(`/dashboard/${org.slug}/issue/bulk/[\\w-]+$`));
  expect(page.url()).not.toBe(firstJob);
  await expect(page.getByRole("heading", { level: 1, name: "Issuing from spring-cohort-failed-rows.csv" })).toBeVisible();
  await expect(page.getByTestId("bulk-job-status")).toHaveText("Completed", { timeout: 30_000 });
  await expect(page.getByTestId("bulk-issued")).toHaveText("1");
  await expect(page.getByTestId("bulk-failed")).toHaveText("0");
  await expect(page.getByText("Every row was issued.")).toBeVisible();
  await page.getByRole("link", { name: "View the credential it issued" }).click();
  await expect(page.getByTestId("credential-row")).toHaveCount(1);
  await expect(page.getByTestId("credential-row")).toContainText(bo);
  expect((await mail.waitFor(bo, { timeout: 30_000 })).links.some((link) => /\/c\/[\w-]+/.test(link))).toBe(true);

  // Both learners hold one credential each.
  await page.goto(`/dashboard/${org.slug}/credentials`);
  await expect(page.getByTestId("credential-row")).toHaveCount(2);
  await expect(page.getByTestId("credential-row").filter({ hasText: ada })).toHaveCount(1);
  await expect(page.getByTestId("credential-row").filter({ hasText: bo })).toHaveCount(1);
});

test("an issuer creates a group from a CSV, sees its bad rows refused whole, and issues an achievement to the group", async ({ page, a11y }) => {
  test.setTimeout(120_000);
  const org = await issuerWithAchievement(page, "Cohort Graduate");
  // Groups are reached from the spreadsheet page as well as from the sidebar.
  await page.goto(`/dashboard/${org.slug}/issue/bulk`);
  await expect(page.getByTestId("dashboard-menu").getByRole("link", { name: "Saved groups" })).toBeVisible();
  await page.locator("#main").getByRole("link", { name: "Saved groups" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Saved groups" })).toBeVisible();
  await expect(page.getByText("No groups yet.")).toBeVisible();
  await a11y.check();
  await page.getByLabel("Group name").fill("Spring cohort");
  await page.getByRole("button", { name: "Create group" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Spring cohort" })).toBeVisible();

  const ada = uniqueEmail("ada");
  const bo = uniqueEmail("bo");
  await page.getByLabel("CSV file of members").setInputFiles({ name: "cohort.csv", mimeType: "text/csv", buffer: Buffer.from(`Email,Full name\n${ada},Ada Lovelace\nnot-an-email,Nobody\n`) });
  await page.getByRole("button", { name: "Import members" }).click();
  await expect(page.getByText("1 row can’t be imported: nothing was imported.", { exact: false })).toBeVisible();
  await expect(page.getByTestId("group-import-problems")).toHaveText("Row 3: “not-an-email” is not a valid email address.");
  await expect(page.getByTestId("group-member")).toHaveCount(0);

  await page.getByLabel("CSV file of members").setInputFiles({ name: "cohort.csv", mimeType: "text/csv", buffer: Buffer.from(`Email,Full name\n${ada},Ada Lovelace\n${bo},Bo Diddley\n`) });
  await page.getByRole("button", { name: "Import members" }).click();
  await expect(page.getByText("2 rows imported: 2 added, 0 already in the group.")).toBeVisible();
  await expect(page.getByTestId("group-member")).toHaveCount(2);
  await expect(page.getByTestId("group-member").filter({ hasText: bo })).toContainText("Bo Diddley");
  await a11y.check();

  await page.getByLabel("Achievement").selectOption({ label: "Cohort Graduate" });
  await page.getByRole("button", { name: "Issue to 2 people" }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/${org.slug}/issue/bulk/[\\w-]+$`));
  await expect(page.getByTestId("bulk-job-status")).toHaveText("Completed", { timeout: 30_000 });
  await expect(page.getByTestId("bulk-issued")).toHaveText("2");
  await page.getByRole("link", { name: "View the 2 credentials it issued" }).click();
  await expect(page.getByTestId("credential-row")).toHaveCount(2);

  await page.goto(`/dashboard/${org.slug}/groups`);
  await expect(page.getByTestId("group-row").filter({ hasText: "Spring cohort" })).toContainText("2 people");
});

test("the bulk, scheduled bulk and group pages speak Spanish and pass the accessibility check (a scheduled job's states in English too)", async ({ page, baseURL, a11y }) => {
  test.setTimeout(150_000);
  const org = await issuerWithAchievement(page, "Gestor de datos");
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "es", url: baseURL! }]);

  await page.goto(`/dashboard/${org.slug}/issue/bulk`);
  await page.getByLabel("Pegar filas de una hoja de cálculo").check();
  await page.getByLabel("Filas de una hoja de cálculo", { exact: true }).fill(`${uniqueEmail("ana")}\tAna\nsin-correo\tLuis`);
  await expect(page.getByTestId("bulk-paste-header-added")).toContainText("No se pegó fila de encabezado");
  await expect(page.getByRole("link", { name: "Descargar plantilla CSV" })).toBeVisible();
  await a11y.check();

  // The job's failed row, to correct and retry, in Spanish.
  await page.getByRole("button", { name: "Revisar archivo" }).click();
  await page.getByRole("button", { name: "Emitir 1 credencial" }).click();
  await expect(page.getByTestId("bulk-job-status")).toHaveText("Completado con 1 fila fallida", { timeout: 30_000 });
  await expect(page.getByRole("link", { name: "Descargar filas fallidas (CSV)" })).toBeVisible();
  await expect(page.getByLabel("Correo de la fila 3")).toHaveValue("sin-correo");
  await page.getByLabel("Correo de la fila 3").fill("todavia-sin-correo");
  await page.getByRole("button", { name: "Reintentar las filas elegidas" }).click();
  await expect(page.getByText("Fila 3: «todavia-sin-correo» no es una dirección de correo válida.", { exact: false })).toBeVisible();
  await a11y.check();

  // Scheduled for next month: the job waits on its page, then reads as cancelled once the issue is cancelled.
  const speak = (locale: "en" | "es") => page.context().addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
  await page.goto(`/dashboard/${org.slug}/issue/bulk`);
  await page.getByLabel("Pegar filas de una hoja de cálculo").check();
  await page.getByLabel("Filas de una hoja de cálculo", { exact: true }).fill(`${uniqueEmail("eva")}\tEva`);
  await page.getByRole("radio", { name: "Programar para" }).check();
  await page.getByLabel("Fecha y hora").fill(`${new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)}T12:00`);
  await page.getByRole("button", { name: "Revisar archivo" }).click();
  await page.getByRole("button", { name: "Emitir 1 credencial" }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/${org.slug}/issue/bulk/[\\w-]+$`));
  const scheduledJob = page.url();
  await expect(page.getByTestId("bulk-job-status")).toHaveText("Programado");
  await expect(page.getByTestId("bulk-progress-text")).toHaveText("En espera · 1 fila por emitir");
  await a11y.check();
  await speak("en");
  await page.reload();
  await expect(page.getByTestId("bulk-job-status")).toHaveText("Scheduled");
  await expect(page.getByTestId("bulk-progress-text")).toHaveText("Waiting to start · 1 row to issue");
  await a11y.check();
  await page.goto(`/dashboard/${org.slug}/issue`);
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByTestId("scheduled-row").getByRole("button", { name: /^Cancel/ }).click();
  await expect(page.getByTestId("scheduled-issues").getByText("Nothing is scheduled.")).toBeVisible();
  await page.goto(scheduledJob);
  await expect(page.getByTestId("bulk-job-status")).toHaveText("Cancelled");
  await expect(page.getByTestId("bulk-progress-text")).toHaveText("Cancelled before its time: nothing was issued or sent.");
  await expect(page.getByTestId("bulk-issued")).toHaveText("0");
  await a11y.check();
  await speak("es");
  await page.reload();
  await expect(page.getByTestId("bulk-job-status")).toHaveText("Cancelado");
  await expect(page.getByTestId("bulk-progress-text")).toHaveText("Cancelado antes de su hora: no se emitió ni se envió nada.");
  await a11y.check();

  await page.goto(`/dashboard/${org.slug}/groups`);
  await expect(page.getByRole("heading", { level: 1, name: "Grupos guardados" })).toBeVisible();
  await expect(page.getByText("Aún no hay grupos.")).toBeVisible();
  await a11y.check();
  await page.getByLabel("Nombre del grupo").fill("Promoción de otoño");
  await page.getByRole("button", { name: "Crear grupo" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Promoción de otoño" })).toBeVisible();
  await expect(page.getByText("Primero añade personas al grupo.")).toBeVisible();
  await a11y.check();
  await page.getByLabel("Correo electrónico").fill("nadie@");
  await page.getByRole("button", { name: "Añadir persona" }).click();
  await expect(page.getByLabel("Correo electrónico")).toHaveAttribute("aria-invalid", "true");
  await a11y.check();

  // The list, with the group in it.
  await page.goto(`/dashboard/${org.slug}/groups`);
  await expect(page.getByRole("heading", { name: "Tus grupos" })).toBeVisible();
  await expect(page.getByTestId("group-row").filter({ hasText: "Promoción de otoño" })).toContainText("0 personas");
  await a11y.check();
});
