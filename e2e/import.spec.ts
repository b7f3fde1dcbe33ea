import { readFileSync } from "node:fs";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { bakePng } from "../lib/ob/bake.ts";
import { verifyCredential } from "../lib/ob/verify/index.ts";
import { solidPng } from "../lib/test/images.ts";
import { expect, test, uniqueEmail, uniqueSlug } from "./support/fixtures.ts";
import { signUp } from "./support/flows.ts";

// The Digital Credentials Consortium's copy of the OB 3.0 spec example: another issuer's badge,
// signed with a did:key, so it verifies with no network. Baked into a PNG as any issuer would.
const SPEC_DIR = path.resolve(process.cwd(), "../shared/spec");
const credentialText = readFileSync(path.join(SPEC_DIR, "dcc-verifier-core-fixtures/v2OBv3SpecExample.json"), "utf8");
const bakedBadge = Buffer.from(bakePng(solidPng(64, [120, 60, 160]), credentialText));
const tamperedCredential = JSON.parse(credentialText);
// A forged copy: another credential id and a grander name under the original signature.
tamperedCredential.id = "urn:uuid:6a1d3c1e-0f1b-4c53-9f38-5d3f6c2b9a10";
tamperedCredential.credentialSubject.achievement.name = "Teamwork Grandmaster";
const tamperedBadge = Buffer.from(bakePng(solidPng(64, [160, 60, 60]), JSON.stringify(tamperedCredential)));

const CHECKS = ["Signature", "Format (schema)", "Dates", "Status (not revoked)", "Issuer"];

test("a learner imports a badge from another issuer, sees it verified check by check, and a tampered one is refused with the reason", async ({ page, a11y }) => {
  await signUp(page, { name: "Imani Importer", email: uniqueEmail("importer") });

  await page.goto("/backpack/import");
  await expect(page.getByRole("heading", { level: 1, name: "Import a badge" })).toBeVisible();
  await a11y.check();

  // An image with no badge inside is refused at its field.
  await page.getByLabel("Baked badge image").setInputFiles({ name: "plain.png", mimeType: "image/png", buffer: Buffer.from(solidPng(16)) });
  await page.getByRole("button", { name: "Verify and import" }).click();
  await expect(page.getByText("This image carries no badge.", { exact: false })).toBeVisible();

  // The baked badge verifies: each of the five checks is listed as passed.
  await page.getByLabel("Baked badge image").setInputFiles({ name: "teamwork.png", mimeType: "image/png", buffer: bakedBadge });
  await page.getByRole("button", { name: "Verify and import" }).click();
  await expect(page.getByText("“Teamwork” is in your backpack")).toBeVisible();
  const checks = page.getByTestId("verification-checks").getByRole("listitem");
  await expect(checks).toHaveCount(5);
  for (const [index, name] of CHECKS.entries()) {
    await expect(checks.nth(index)).toContainText(name);
    await expect(checks.nth(index)).toContainText("Passed");
  }
  await a11y.check();

  await page.getByRole("link", { name: "Open it in your backpack" }).click();
  await expect(page).toHaveURL(/\/backpack\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1, name: "Teamwork" })).toBeVisible();

  // Importing it again is "already in your backpack".
  await page.goto("/backpack/import");
  await page.getByLabel("Baked badge image").setInputFiles({ name: "teamwork.png", mimeType: "image/png", buffer: bakedBadge });
  await page.getByRole("button", { name: "Verify and import" }).click();
  await expect(page.getByRole("tabpanel", { name: "Upload image" }).getByRole("alert")).toHaveText("This badge is already in your backpack.");

  // A tampered badge: refused, with the failing check's own explanation.
  const expected = await verifyCredential(new Uint8Array(tamperedBadge));
  const failing = expected.checks.find((check) => !check.ok)!;
  expect(failing.check).toBe("proof");
  await page.getByLabel("Baked badge image").setInputFiles({ name: "tampered.png", mimeType: "image/png", buffer: tamperedBadge });
  await page.getByRole("button", { name: "Verify and import" }).click();
  await expect(page.getByText("This badge did not pass verification, so it was not imported")).toBeVisible();
  // Why, in the reader's words; the verifier's own (English) sentence waits behind "Technical details".
  expect(failing.code).toBe("signature_invalid");
  await expect(page.getByRole("alert").filter({ hasText: "did not pass verification" })).toContainText("The signature does not match the content");
  await expect(checks.nth(0)).toContainText("Signature");
  await expect(checks.nth(0)).toContainText("Failed");
  await a11y.check();

  // Only when the learner insists is it kept, marked unverified.
  await page.getByRole("button", { name: "Keep it marked unverified" }).click();
  await expect(page.getByText("“Teamwork Grandmaster” is in your backpack, marked unverified")).toBeVisible();
});

test("a Spanish-speaking learner reads why an import was refused in Spanish, check by check", async ({ page, baseURL, a11y }) => {
  await signUp(page, { name: "Inés Importadora", email: uniqueEmail("importadora") });
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "es", url: baseURL! }]);
  await page.goto("/backpack/import");
  await expect(page.getByRole("heading", { level: 1, name: "Importar una insignia" })).toBeVisible();

  // An image with no badge: the reason in Spanish, not the verifier's English.
  const upload = page.getByRole("tabpanel").first();
  await upload.locator('input[type="file"]').setInputFiles({ name: "plain.png", mimeType: "image/png", buffer: Buffer.from(solidPng(16)) });
  await upload.getByRole("button", { name: "Verificar e importar" }).click();
  await expect(upload.getByText("Esta imagen no contiene ninguna insignia.", { exact: false })).toBeVisible();

  // A forged badge: why it failed, and each check, in Spanish.
  await upload.locator('input[type="file"]').setInputFiles({ name: "falsa.png", mimeType: "image/png", buffer: tamperedBadge });
  await upload.getByRole("button", { name: "Verificar e importar" }).click();
  const refusal = page.getByRole("alert").filter({ hasText: "La firma no corresponde al contenido" });
  await expect(refusal).toBeVisible();
  await expect(refusal).not.toContainText("signature");
  const checks = page.getByTestId("verification-checks").getByRole("listitem");
  await expect(checks.nth(0)).toContainText("Firma: Falló");
  await expect(checks.nth(1)).toContainText("Formato (esquema): Correcto");
  await a11y.check();
});

test("a learner sets a public handle and gets the link to their profile", async ({ page, a11y }) => {
  await signUp(page, { name: "Paz Profile", email: uniqueEmail("profile") });
  await page.goto("/backpack/profile");
  await expect(page.getByRole("heading", { level: 1, name: "Public profile" })).toBeVisible();
  await expect(page.getByText("Choose a handle to get a public profile address.")).toBeVisible();
  await a11y.check();

  await page.getByLabel("Handle").fill("admin");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("This handle is reserved. Choose another.")).toBeVisible();

  const handle = uniqueSlug("paz");
  await page.getByLabel("Handle").fill(handle);
  await page.getByLabel("Headline").fill("Learning in public");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Your profile is saved.")).toBeVisible();
  const link = page.getByRole("link", { name: `View your public profile at /u/${handle}` });
  await expect(link).toBeVisible();
  await expect(link).toHaveAttribute("href", `/u/${handle}`);
});

test("a learner downloads their data as a zip and then deletes their account", async ({ page, a11y }) => {
  const email = uniqueEmail("leaver");
  await signUp(page, { name: "Lee Leaver", email });
  await page.goto("/backpack/import");
  await page.getByLabel("Baked badge image").setInputFiles({ name: "teamwork.png", mimeType: "image/png", buffer: bakedBadge });
  await page.getByRole("button", { name: "Verify and import" }).click();
  await expect(page.getByText("“Teamwork” is in your backpack")).toBeVisible();

  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "Your data" })).toBeVisible();
  await a11y.check();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download your data (zip)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^laurel-data-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
  expect(JSON.parse(strFromU8(files["profile.json"]))).toMatchObject({ name: "Lee Leaver", emails: [{ email, verified: expect.any(Boolean) }] });
  const credentials = Object.keys(files).filter((name) => name.startsWith("credentials/"));
  expect(credentials).toHaveLength(1);
  expect(JSON.parse(strFromU8(files[credentials[0]])).id).toBe(JSON.parse(credentialText).id);
  expect(Object.keys(files)).toEqual(expect.arrayContaining(["README.txt", "collections.json", "entries.json", credentials[0].replace("credentials/", "images/").replace(".json", ".png")]));

  const confirm = page.getByLabel(`Type your email address (${email}) or DELETE to confirm`);
  await confirm.fill("not my address");
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByText("Type your email address or DELETE exactly.")).toBeVisible();
  await confirm.fill(email);
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/backpack");
  await expect(page).toHaveURL(/\/sign-in/);
});
