import { createA11y } from "./support/a11y.ts";
import { runDatabaseFixture } from "./support/database-fixture.ts";
import { expect, test, uniqueEmail, uniqueName, uniqueSlug } from "./support/fixtures.ts";
import { createOrganization, designAchievement, issueOne, signUp } from "./support/flows.ts";

// The issuer works in Madrid: scheduled times are read and shown in that zone.
test.use({ timezoneId: "Europe/Madrid" });

/** A wall-clock time in Madrid, as a datetime-local field takes it, `days` from now. */
function madridInput(days: number): string {
  const when = new Date(Date.now() + days * 24 * 60 * 60 * 1000);
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Madrid", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }).format(when).replace(" ", "T");
}

test("an issue scheduled from the form is listed with its time and recipients, a past time is refused, and a cancelled one leaves the list (in Spanish too)", async ({ page, a11y, baseURL, browser }, testInfo) => {
  test.setTimeout(180_000);
  const org = { name: uniqueName("Timely Academy"), slug: uniqueSlug("timely") };
  const learner = uniqueEmail("nico");
  await signUp(page, { name: "Olive Owner", email: uniqueEmail("olive") });
  await createOrganization(page, org);
  await designAchievement(page, org.slug, { name: "Night Shift", description: "Works the late hours.", criteria: "Ten shifts." });

  await page.goto(`/dashboard/${org.slug}/issue`);
  const scheduled = page.getByTestId("scheduled-issues");
  await expect(scheduled.getByText("Nothing is scheduled.")).toBeVisible();
  await page.getByLabel("Recipient's email").fill(learner);
  await page.getByLabel("Recipient's name").fill("Nico Night");
  await page.getByRole("radio", { name: "Schedule for" }).check();
  await expect(page.getByText("In your time zone, Europe/Madrid.")).toBeVisible();
  await a11y.check();

  // Yesterday: refused beside the field, nothing scheduled.
  await page.getByLabel("Date and time").fill(madridInput(-1));
  await page.getByRole("button", { name: "Schedule", exact: true }).click();
  await expect(page.getByText("Choose a time in the future.")).toBeVisible();
  await expect(scheduled.getByText("Nothing is scheduled.")).toBeVisible();

  // The day after tomorrow: scheduled, and listed.
  await page.getByLabel("Date and time").fill(madridInput(2));
  await page.getByRole("button", { name: "Schedule", exact: true }).click();
  await expect(page.getByText(new RegExp(`^Scheduled for .+ \\(Europe/Madrid\\) to ${learner.replace(/[.+]/g, "\\$&")}\\.$`))).toBeVisible();
  await page.reload();
  const row = scheduled.getByTestId("scheduled-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Night Shift");
  await expect(row).toContainText("1 recipient");
  await expect(row).toContainText(learner);
  await expect(row).toContainText("Europe/Madrid");
  await a11y.check();

  // Nothing was issued yet.
  await page.goto(`/dashboard/${org.slug}/credentials`);
  await expect(page.getByText(learner)).toHaveCount(0);

  // In Spanish the list speaks Spanish.
  const spanish = await browser.newContext({ timezoneId: "Europe/Madrid", storageState: await page.context().storageState() });
  await spanish.addCookies([{ name: "NEXT_LOCALE", value: "es", url: baseURL! }]);
  const es = await spanish.newPage();
  await es.goto(`/dashboard/${org.slug}/issue`);
  await expect(es.getByRole("heading", { name: "Emisiones programadas" })).toBeVisible();
  await expect(es.getByTestId("scheduled-row")).toContainText("1 destinatario");
  // The form's scheduling section too, and it passes the accessibility check in Spanish.
  await es.getByRole("radio", { name: "Programar para" }).check();
  await expect(es.getByText("En tu zona horaria, Europe/Madrid.", { exact: false })).toBeVisible();
  await expect(es.getByLabel("Fecha y hora")).toBeVisible();
  await expect(es.getByRole("button", { name: "Programar", exact: true })).toBeVisible();
  await createA11y(es, testInfo).check();
  await spanish.close();

  // Cancelled after confirming: gone from the list.
  await page.goto(`/dashboard/${org.slug}/issue`);
  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: /^Cancel/ }).click();
  await expect(scheduled.getByText("Nothing is scheduled.")).toBeVisible();
  await expect(row).toHaveCount(0);
});

test("a scheduled issue goes out at its time and not before (the dispatcher on a fake clock), and the Issue page shows it sent", async ({ page, mail, a11y }) => {
  test.setTimeout(180_000);
  const org = { name: uniqueName("Dawn Academy"), slug: uniqueSlug("dawn") };
  const learner = uniqueEmail("dana");
  await signUp(page, { name: "Olive Owner", email: uniqueEmail("olive") });
  await createOrganization(page, org);
  await designAchievement(page, org.slug, { name: "Early Riser", description: "Opens the doors at dawn.", criteria: "Thirty dawns." });

  // Half an hour from now, so the app's own minute-by-minute dispatcher leaves it alone.
  await page.goto(`/dashboard/${org.slug}/issue`);
  await page.getByLabel("Recipient's email").fill(learner);
  await page.getByLabel("Recipient's name").fill("Dana Dawn");
  await page.getByRole("radio", { name: "Schedule for" }).check();
  await page.getByLabel("Date and time").fill(madridInput(30 / (24 * 60)));
  await page.getByRole("button", { name: "Schedule", exact: true }).click();
  await expect(page.getByText(/^Scheduled for .+ \(Europe\/Madrid\) to /)).toBeVisible();

  // A minute before its time the dispatcher sends nothing: still listed, nothing issued, no mail.
  const early = JSON.parse(runDatabaseFixture("scheduled-dispatch-fixture.ts", [org.slug, "-60"])) as { sent: number; failed: number };
  expect(early).toMatchObject({ sent: 0, failed: 0 });
  await page.reload();
  await expect(page.getByTestId("scheduled-row")).toContainText(learner);
  await expect(page.getByTestId("scheduled-outcome")).toHaveCount(0);

  // At its time it is signed, issued and emailed.
  const due = JSON.parse(runDatabaseFixture("scheduled-dispatch-fixture.ts", [org.slug, "0"])) as { sent: number; failed: number };
  expect(due).toMatchObject({ sent: 1, failed: 0 });
  const award = await mail.waitFor(learner, { subject: /awarded you/, timeout: 30_000 });
  expect(award.text).toContain("“Early Riser” badge");

  await page.reload();
  await expect(page.getByTestId("scheduled-issues").getByText("Nothing is scheduled.")).toBeVisible();
  const outcome = page.getByTestId("scheduled-outcome");
  await expect(outcome).toHaveCount(1);
  await expect(outcome).toContainText("Early Riser");
  await expect(outcome).toContainText("Issued and emailed.");
  await a11y.check();
  await outcome.getByRole("link", { name: "View the credential" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dana Dawn" })).toBeVisible();
  await expect(page.getByText(learner).first()).toBeVisible();
  await expect(page.getByText("Early Riser").first()).toBeVisible();
});

test("an achievement's own award email: live preview, unknown placeholders refused by name, and a test sent to myself arrives with it, a name that looks like markup reads as text (the card in Spanish too)", async ({ page, mail, a11y, baseURL }) => {
  test.setTimeout(180_000);
  const owner = uniqueEmail("olive");
  const org = { name: uniqueName("Harbour School"), slug: uniqueSlug("harbour") };
  await signUp(page, { name: "Olive Owner", email: owner });
  await createOrganization(page, org);
  await designAchievement(page, org.slug, { name: "Harbour Pilot", description: "Brings ships in safely.", criteria: "Pilot twenty ships." });

  const preview = page.getByTestId("award-email-preview");
  await expect(preview.getByTestId("award-preview-body")).toContainText(`${org.name} has awarded you the “Harbour Pilot” badge.`);
  await page.getByLabel("Subject", { exact: true }).fill("{{recipient_name}}, your {{achievement_name}} is here");
  await page.getByLabel("Text", { exact: true }).fill("Dear {{recipient_name}},\n\nWelcome aboard, from {{first_name}}.");
  await expect(preview.getByTestId("award-preview-subject")).toHaveText("Subject: Ada Lovelace, your Harbour Pilot is here");
  await page.getByRole("button", { name: "Save the email" }).click();
  await expect(page.getByText(/^Unknown placeholders: \{\{first_name\}\}\. Use only \{\{recipient_name\}\}/)).toBeVisible();

  await page.getByLabel("Text", { exact: true }).fill("Dear {{recipient_name}},\n\n**Welcome aboard** from {{organization_name}}. [Claim it]({{claim_url}})");
  await expect(preview.getByTestId("award-preview-body").locator("strong")).toHaveText("Welcome aboard");
  await expect(preview.getByRole("link", { name: "Claim it" })).toBeVisible();
  await page.getByRole("button", { name: "Save the email" }).click();
  await expect(page.getByText("Saved. The next awards of this achievement use this email.")).toBeVisible();
  await a11y.check();

  // One click: a real credential to my own address, with that email.
  const achievementPage = page.url();
  await page.getByRole("button", { name: "Send it to me" }).click();
  await expect(page.getByText(`Issued to ${owner}: the award email is on its way.`)).toBeVisible();
  await a11y.check();
  const sent = await mail.waitFor(owner, { subject: /your Harbour Pilot is here/, timeout: 30_000 });
  expect(sent.subject).toBe("Olive Owner, your Harbour Pilot is here");
  expect(sent.text).toContain("Dear Olive Owner,");
  expect(sent.text).toContain(`Welcome aboard from ${org.name}. Claim it: `);
  expect(sent.html).toContain("<strong>Welcome aboard</strong>");
  const claim = sent.links.find((link) => /\/backpack\/claim\/[^/?]+\?t=/.test(link));
  expect(claim).toBeTruthy();
  await page.goto(new URL(claim!).pathname + new URL(claim!).search);
  await expect(page.getByRole("heading", { level: 1, name: "Harbour Pilot" })).toBeVisible();

  // A learner whose name looks like markup: the placeholder brings in text, never HTML.
  const learner = uniqueEmail("ada");
  const markupName = '<b>Ada</b> & "Co"';
  await issueOne(page, org.slug, { email: learner, name: markupName });
  const award = await mail.waitFor(learner, { subject: /your Harbour Pilot is here/, timeout: 30_000 });
  expect(award.subject).toBe(`${markupName}, your Harbour Pilot is here`);
  // The text part says the name as it was typed, with no entities.
  expect(award.text).toContain(`Dear ${markupName},`);
  expect(award.text).not.toContain("&amp;");
  expect(award.text).not.toContain("&lt;");
  // The HTML part, as a mail reader shows it: the name reads literally and makes no bold text.
  expect(award.html).not.toContain("<b>Ada</b>");
  const reader = await page.context().newPage();
  await reader.setContent(award.html);
  await expect(reader.getByText(`Dear ${markupName},`)).toBeVisible();
  await expect(reader.locator("b")).toHaveCount(0);
  await expect(reader.locator("strong")).toHaveText("Welcome aboard");
  await reader.close();

  // In Spanish: the card, its preview and the test to oneself speak Spanish; the saved words are the issuer's own.
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "es", url: baseURL! }]);
  await page.goto(achievementPage);
  await expect(page.getByRole("heading", { name: "Correo de concesión" })).toBeVisible();
  await expect(page.getByLabel("Asunto", { exact: true })).toHaveValue("{{recipient_name}}, your {{achievement_name}} is here");
  await expect(page.getByLabel("Texto", { exact: true })).toBeVisible();
  await expect(preview.getByRole("heading", { name: "Vista previa con valores de ejemplo" })).toBeVisible();
  await expect(preview.getByTestId("award-preview-subject")).toHaveText("Asunto: Ada Lovelace, your Harbour Pilot is here");
  await expect(page.getByRole("button", { name: "Guardar el correo" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Enviártelo de prueba" })).toBeVisible();
  await expect(page.getByText(`Emite este logro a ${owner}, tu dirección verificada`)).toBeVisible();
  await a11y.check();
  await page.getByRole("button", { name: "Enviármelo" }).click();
  await expect(page.getByText(`Emitido a ${owner}: el correo de concesión está en camino.`)).toBeVisible();
  await expect(page.getByRole("link", { name: "Ver la credencial" })).toBeVisible();
  await a11y.check();
});

test("a certificate's award email, claim page and public page say “certificate”, in English and Spanish", async ({ page, mail, a11y, browser, baseURL }) => {
  test.setTimeout(180_000);
  const org = { name: uniqueName("Harbour School"), slug: uniqueSlug("cert") };
  const learner = uniqueEmail("cora");
  await signUp(page, { name: "Olive Owner", email: uniqueEmail("olive") });
  await createOrganization(page, org);
  await designAchievement(page, org.slug, { name: "Harbour Master", description: "Runs the harbour.", criteria: "Ten years at sea.", type: "Certificate" });
  await issueOne(page, org.slug, { email: learner, name: "Cora Learner" });
  await page.context().clearCookies();

  const award = await mail.waitFor(learner, { subject: /awarded you/, timeout: 30_000 });
  expect(award.text).toContain(`${org.name} has awarded you the “Harbour Master” certificate.`);
  expect(award.text).toContain("View and claim your certificate:");
  expect(award.text).not.toMatch(/badge/i);

  const claim = new URL(award.links.find((link) => /\/backpack\/claim\/[^/?]+\?t=/.test(link))!);
  const credentialId = claim.pathname.split("/").pop()!;
  await page.goto(claim.pathname + claim.search);
  await expect(page).toHaveTitle(/Claim your certificate/);
  await expect(page.getByRole("heading", { name: "This certificate is waiting for you" })).toBeVisible();
  await expect(page.getByRole("img", { name: "The Harbour Master certificate" })).toBeVisible();
  await a11y.check();

  await page.goto(`/c/${credentialId}`);
  await expect(page.getByRole("heading", { name: "Want this certificate too?" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Earn this certificate" })).toBeVisible();
  await expect(page.getByRole("link", { name: "About this certificate" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Certificate image (PNG)" })).toBeVisible();
  await expect(page.getByText(/this badge/i)).toHaveCount(0);
  await a11y.check();

  const spanish = await browser.newContext({ locale: "es-ES", extraHTTPHeaders: { "Accept-Language": "es-ES,es;q=0.9" } });
  await spanish.addCookies([{ name: "NEXT_LOCALE", value: "es", url: baseURL! }]);
  const es = await spanish.newPage();
  await es.goto(`/c/${credentialId}`);
  await expect(es.getByRole("heading", { name: "¿Quieres este certificado?" })).toBeVisible();
  await expect(es.getByRole("link", { name: "Consigue este certificado" })).toBeVisible();
  // The achievement type above the name is in the reader's language too (the OB type stays in the JSON).
  await expect(es.locator("p", { hasText: /^Certificado$/ }).first()).toBeVisible();
  await expect(es.getByText(/^Certificate$/)).toHaveCount(0);
  await es.goto(claim.pathname + claim.search);
  await expect(es.getByRole("heading", { name: "Este certificado te está esperando" })).toBeVisible();
  await expect(es.getByRole("link", { name: "Regístrate para reclamarlo" })).toBeVisible();
  await spanish.close();
});
