import { verifyCredential } from "../lib/ob/verify/index.ts";
import { expect, test, uniqueEmail, uniqueName, uniqueSlug } from "./support/fixtures.ts";
import { createOrganization, signUp } from "./support/flows.ts";

test("issue a credential to one learner, verify it over HTTP, revoke it and see the revocation everywhere", async ({ page, request, mail, a11y, baseURL }) => {
  const org = { name: uniqueName("Journey Academy"), slug: uniqueSlug("journey") };
  const learner = uniqueEmail("learner");
  await signUp(page, { name: "Ivy Issuer", email: uniqueEmail("ivy") });
  await createOrganization(page, org);

  await page.goto(`/dashboard/${org.slug}/achievements/new`);
  await page.getByLabel("Name", { exact: true }).fill("First Aid Responder");
  await page.getByLabel("Description", { exact: true }).fill("Gives first aid with confidence.");
  await page.getByLabel("Criteria", { exact: true }).fill("Pass the practical assessment.");
  await page.getByLabel("Title on the badge").fill("First Aid");
  await page.getByRole("button", { name: "Create achievement" }).click();
  await expect(page.getByText("Saved. This is now version 1.")).toBeVisible();

  // Issue to one learner; bad input first is refused with the field named.
  await page.goto(`/dashboard/${org.slug}/issue`);
  await page.getByLabel("Recipient's email").fill("not-an-email");
  await page.getByRole("button", { name: "Issue credential" }).click();
  await expect(page.getByText("Enter a valid email address, like name@example.com.")).toBeVisible();
  await page.getByLabel("Recipient's email").fill(learner);
  await page.getByLabel("Recipient's name").fill("Lena Learner");
  await page.getByLabel("Personal message").fill("Great work in the practical!");
  // What the learner showed and how they did, recorded with the credential.
  await page.getByLabel("Evidence URL").fill("https://portfolio.example/lena/first-aid-practical");
  await page.getByLabel("What the evidence shows").fill("Recovery position and CPR on the mannequin, filmed.");
  await page.getByLabel("Result (optional)").fill("Passed with distinction");
  await page.getByRole("button", { name: "Issue credential" }).click();
  await expect(page.getByText(`Credential issued to ${learner}.`)).toBeVisible();
  await a11y.check();

  // The learner's branded email carries the message and the link to the credential.
  const claim = await mail.waitFor(learner, { subject: /awarded you/ });
  expect(claim.subject).toBe(`${org.name} awarded you “First Aid Responder”`);
  expect(claim.text).toContain("Great work in the practical!");
  const credentialUrl = claim.links.find((link) => /\/c\/[0-9a-f-]{36}$/.test(link))!;
  expect(credentialUrl).toBeTruthy();
  const credentialPath = new URL(credentialUrl).pathname;

  // The public page says it is verified; any verifier can check it over HTTP from its URL.
  await page.goto(credentialPath);
  await expect(page.getByText("Verified credential")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "First Aid Responder" })).toBeVisible();
  await a11y.check();
  const options = { allowOrigins: [baseURL!] };
  for (const url of [credentialUrl, `${credentialUrl}/credential.jwt`, `${credentialUrl}/badge.png`, `${credentialUrl}/badge.svg`]) {
    const result = await verifyCredential(url, options);
    expect(result.checks.filter((check) => !check.ok), url).toEqual([]);
  }
  const json = await request.get(credentialPath, { headers: { Accept: "application/ld+json" } });
  expect((await json.json()).id).toBe(credentialUrl);

  // Revoke it from the credentials table's detail page.
  await page.goto(`/dashboard/${org.slug}/credentials`);
  await expect(page.getByTestId("credential-row")).toHaveCount(1);
  // The issuer's own look and the verifier's fetches are no engagement.
  const engagement = page.getByTestId("credential-row").getByTestId("credential-engagement");
  for (const count of ["0 visitors", "0 shares", "0 share-link clicks"]) await expect(engagement.getByText(count)).toHaveCount(1);
  await page.getByRole("link", { name: "Lena Learner" }).click();
  await expect(page.getByTestId("timeline-event").filter({ hasText: "Issued" })).toBeVisible();
  // The result and the evidence the issuer recorded, as signed into the credential.
  await expect(page.getByTestId("credential-results").locator("dd")).toHaveText("Result: Passed with distinction");
  const evidence = page.getByTestId("credential-evidence");
  await expect(evidence.getByRole("listitem")).toHaveCount(1);
  await expect(evidence.getByRole("listitem")).toContainText("Evidence 1");
  await expect(evidence.getByRole("listitem")).toContainText("Recovery position and CPR on the mannequin, filmed.");
  await expect(evidence.getByRole("link", { name: "Open the evidence" })).toHaveAttribute("href", "https://portfolio.example/lena/first-aid-practical");
  // The badge as issued, a way back to the list, and no "Renew" for a credential that never expires.
  const badge = page.getByRole("img", { name: "The First Aid Responder badge" });
  await expect(badge).toBeVisible();
  expect(await badge.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
  await expect(page.getByRole("link", { name: "All credentials" })).toHaveAttribute("href", `/dashboard/${org.slug}/credentials`);
  await expect(page.getByText("Does not expire")).toBeVisible();
  await expect(page.getByRole("button", { name: "Renew" })).toHaveCount(0);
  await a11y.check();
  const questions: string[] = [];
  page.on("dialog", (dialog) => {
    questions.push(dialog.message());
    void dialog.accept();
  });
  // Without the required reason, no confirmation is asked: the field says what is missing,
  // and stops saying it once the reason is typed.
  const reason = page.getByLabel("Reason for revoking");
  await page.getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(reason).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("This field is required.")).toBeVisible();
  await expect(reason).toBeFocused();
  expect(questions).toEqual([]);
  await reason.fill("Assessment retaken");
  await expect(reason).not.toHaveAttribute("aria-invalid", "true");
  await page.getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(page.getByText("This credential is revoked.")).toBeVisible();
  expect(questions).toHaveLength(1);
  // Newest first.
  await expect(page.getByRole("list", { name: "Timeline" }).getByTestId("timeline-event").first()).toContainText("Revoked");

  await page.goto(credentialPath);
  await expect(page.getByText("The issuer has revoked this credential.")).toBeVisible();
  await expect(page.getByText("Assessment retaken")).toHaveCount(0);
  const after = await verifyCredential(credentialUrl, options);
  expect(after.valid).toBe(false);
  expect(after.checks.find((check) => check.check === "status")).toMatchObject({ ok: false, code: "revoked" });
  expect((await request.get(`${credentialPath}/ob2`)).status()).toBe(410);

  // The filtered table and the CSV export agree.
  await page.goto(`/dashboard/${org.slug}/credentials?status=revoked`);
  await expect(page.getByTestId("credential-row")).toHaveCount(1);
  const csv = await (await page.request.get(`/dashboard/${org.slug}/credentials/export.csv?status=revoked`)).text();
  expect(csv).toContain(learner);
  expect(csv).toContain(",revoked,");
});
