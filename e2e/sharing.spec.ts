import type { Locator, Page } from "@playwright/test";
import { expect, test, uniqueEmail, uniqueName, uniqueSlug } from "./support/fixtures.ts";
import { confirmSignUp, createOrganization, designAchievement, issueOne, PASSWORD, signOut, signUp } from "./support/flows.ts";

/**
 * Clicks "Add to LinkedIn profile" in a share panel; LinkedIn is played by a stub page. Gives the
 * popup and the URL it asked LinkedIn for.
 */
async function openAddToProfile(page: Page, panel: Locator): Promise<{ linkedIn: Page; add: URL }> {
  let requested = "";
  await page.context().route("https://www.linkedin.com/**", (route) => {
    requested = route.request().url();
    return route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>LinkedIn</title><p>Add licence or certification</p>" });
  });
  const popup = page.waitForEvent("popup");
  await panel.getByRole("link", { name: "Add to LinkedIn profile" }).click();
  const linkedIn = await popup;
  await linkedIn.waitForURL(/^https:\/\/www\.linkedin\.com\/profile\/add\?/);
  return { linkedIn, add: new URL(requested) };
}

test("a learner adds a badge to their LinkedIn profile through a tracked link, and embeds it on another site", async ({ page, browser, mail, a11y, baseURL }) => {
  test.setTimeout(180_000);
  const org = { name: uniqueName("Smith & Sons Academy"), slug: uniqueSlug("share") };
  const learner = uniqueEmail("learner");
  const badge = "R&D Mentor · Ünïcode";

  // An issuer awards the badge.
  await signUp(page, { name: "Ines Issuer", email: uniqueEmail("ines") });
  await createOrganization(page, org);
  await page.goto(`/dashboard/${org.slug}/achievements/new`);
  await page.getByLabel("Name", { exact: true }).fill(badge);
  await page.getByLabel("Description", { exact: true }).fill("Mentors research and development projects.");
  await page.getByLabel("Criteria", { exact: true }).fill("Mentor two projects.");
  await page.getByLabel("Title on the badge").fill("R&D");
  await page.getByRole("button", { name: "Create achievement" }).click();
  await expect(page.getByText("Saved. This is now version 1.")).toBeVisible();
  await page.goto(`/dashboard/${org.slug}/issue`);
  await page.getByLabel("Recipient's email").fill(learner);
  await page.getByLabel("Recipient's name").fill("Lin Learner");
  await page.getByRole("button", { name: "Issue credential" }).click();
  await expect(page.getByText(`Credential issued to ${learner}.`)).toBeVisible();
  const issuedOn = new Date();
  const issuerSession = await page.context().storageState();
  await signOut(page);

  // The learner claims it from the email and accepts it into their (public) backpack.
  const claimMail = await mail.waitFor(learner, { subject: /awarded you/, timeout: 30_000 });
  const claimUrl = new URL(claimMail.links.find((link) => /\/backpack\/claim\/[^/?]+\?t=/.test(link))!);
  const credentialId = claimUrl.pathname.split("/").pop()!;
  await page.goto(claimUrl.pathname + claimUrl.search);
  await page.getByRole("link", { name: "Sign up to claim" }).click();
  await page.getByLabel("Your name").fill("Lin Learner");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await confirmSignUp(page, learner);
  await page.getByRole("button", { name: `Accept ${badge}` }).click();
  // Accepting opens the celebration step, sharing first; the full panel (with embeds) is on the
  // credential's own page in the backpack.
  await expect(page).toHaveURL(/\/backpack\/[^/?]+\?claimed=1$/);
  await expect(page.getByRole("region", { name: "Share this credential" })).toBeVisible();
  await page.goto(new URL(page.url()).pathname);

  // The share panel on the credential's page in the backpack.
  const panel = page.getByRole("region", { name: `Share “${badge}”` });
  await expect(panel).toBeVisible();
  await a11y.check();

  // "Add to LinkedIn profile" opens LinkedIn's certification form with every field filled in.
  const { linkedIn, add } = await openAddToProfile(page, panel);
  expect(`${add.origin}${add.pathname}`).toBe("https://www.linkedin.com/profile/add");
  const params = Object.fromEntries(add.searchParams);
  expect(Object.keys(params).sort()).toEqual(["certId", "certUrl", "issueMonth", "issueYear", "name", "organizationName", "startTask"]);
  expect(params.startTask).toBe("CERTIFICATION_NAME");
  expect(params.name).toBe(badge);
  expect(params.organizationName).toBe(org.name);
  expect(params.issueYear).toBe(String(issuedOn.getUTCFullYear()));
  expect(params.issueMonth).toBe(String(issuedOn.getUTCMonth() + 1));
  expect(params.certId).toBe(credentialId);
  expect(params.certUrl).toMatch(new RegExp(`^${baseURL}/s/[0-9A-Za-z]{10,}$`));
  await linkedIn.close();

  // The issuer's timeline says what Laurel saw: LinkedIn's form was opened, not that the
  // credential is on the profile now (LinkedIn does not tell).
  const issuer = await browser.newContext({ baseURL, storageState: issuerSession });
  const issuerPage = await issuer.newPage();
  await issuerPage.goto(`/dashboard/${org.slug}/credentials/${credentialId}`);
  const timeline = issuerPage.getByRole("list", { name: "Timeline" }).getByTestId("timeline-event");
  await expect(async () => {
    await issuerPage.reload();
    await expect(timeline.filter({ hasText: "Opened LinkedIn's add-to-profile" })).toHaveCount(1, { timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
  await issuer.close();

  // Copy link: a tracked link of this app, announced when copied.
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await panel.getByRole("button", { name: "Copy link" }).click();
  await expect(panel.getByText("Link copied to the clipboard.")).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(new RegExp(`^${baseURL}/s/[0-9A-Za-z]{10,}$`));
  expect(copied).not.toBe(params.certUrl);
  const scriptSnippet = await panel.getByLabel("HTML (script widget that resizes to fit)").inputValue();
  const iframeSnippet = await panel.getByLabel("HTML (iframe)").inputValue();
  expect(scriptSnippet).toContain(`data-laurel-credential="${credentialId}"`);

  // Someone following the LinkedIn link, signed out, lands on the verified credential page.
  const visitor = await browser.newContext({ baseURL });
  const visitorPage = await visitor.newPage();
  await visitorPage.goto(params.certUrl);
  await expect(visitorPage).toHaveURL(`${baseURL}/c/${credentialId}`);
  await expect(visitorPage.getByRole("heading", { level: 1, name: badge })).toBeVisible();
  await expect(visitorPage.getByText("Verified credential")).toBeVisible();

  // The embed card on its own: verified, named, accessible, and frameable by any site.
  const embedPath = `/c/${credentialId}/embed`;
  const embedResponse = await page.goto(embedPath);
  expect(embedResponse!.headers()["content-security-policy"]).toBe("frame-ancestors *");
  expect(embedResponse!.headers()["x-frame-options"]).toBeUndefined();
  await expect(page.getByRole("heading", { level: 1, name: badge })).toBeVisible();
  await expect(page.getByText("Awarded to Lin Learner")).toBeVisible();
  await expect(page.getByTestId("embed-state")).toHaveText(/Verified/);
  const verify = page.getByRole("link", { name: `Verify “${badge}” on Laurel (opens in a new tab)` });
  await expect(verify).toHaveAttribute("href", /^\/s\/[0-9A-Za-z]{10,}$/);
  await expect(verify).toHaveAttribute("target", "_blank");
  await a11y.check();
  // The issuer's wall for its own website lists the badge, linked to its page.
  const document = await (await page.request.get(`/c/${credentialId}`, { headers: { Accept: "application/ld+json" } })).json();
  const wallResponse = await page.goto(`${new URL(document.issuer.id).pathname}/embed`);
  expect(wallResponse!.headers()["content-security-policy"]).toBe("frame-ancestors *");
  await expect(page.getByRole("heading", { level: 1, name: `Recent badges from ${org.name}` })).toBeVisible();
  await expect(page.getByRole("link", { name: `${badge}, awarded to Lin Learner (opens in a new tab)` })).toHaveAttribute("href", `/c/${credentialId}`);
  await a11y.check();
  // Every other page may only be framed by Laurel itself.
  expect((await visitorPage.request.get(`/c/${credentialId}`)).headers()["x-frame-options"]).toBe("SAMEORIGIN");

  // A personal site (another origin) pastes the script snippet: embed.js frames the card there
  // and sizes the frame to the card. The site is served from the loopback name "localhost", as
  // Chromium lets only local pages load from a loopback server.
  await visitorPage.goto(`${baseURL!.replace("127.0.0.1", "localhost")}/`);
  await visitorPage.evaluate((snippet) => {
    const site = document.createElement("section");
    site.innerHTML = snippet;
    document.body.prepend(site);
    // A script inserted as HTML does not run; make it the way a parsed page would.
    const pasted = site.querySelector("script")!;
    const script = document.createElement("script");
    script.async = true;
    script.src = pasted.src;
    pasted.replaceWith(script);
  }, scriptSnippet);
  const iframe = visitorPage.locator(`iframe[src="${baseURL}${embedPath}#fit"]`);
  const frame = visitorPage.frameLocator(`iframe[src="${baseURL}${embedPath}#fit"]`);
  await expect(frame.getByRole("heading", { level: 1, name: badge })).toBeVisible();
  await expect(frame.getByTestId("embed-state")).toHaveText(/Verified/);
  // The card takes its natural height and the frame follows it, whatever height it started at.
  await expect(frame.locator("#laurel-embed")).toHaveAttribute("data-fit", "content");
  const card = frame.getByRole("article");
  await expect
    .poll(async () => Math.abs((await iframe.boundingBox())!.height - (await card.boundingBox())!.height - 16))
    .toBeLessThanOrEqual(1);

  // The plain iframe snippet keeps its fixed size, which the card fills: no blank band under it,
  // nothing cut off or scrolled.
  await visitorPage.evaluate((snippet) => {
    const site = document.createElement("section");
    site.innerHTML = snippet;
    document.body.append(site);
  }, iframeSnippet);
  const plain = visitorPage.locator(`iframe[src="${baseURL}${embedPath}"]`);
  const plainCard = visitorPage.frameLocator(`iframe[src="${baseURL}${embedPath}"]`).getByRole("article");
  await plain.scrollIntoViewIfNeeded();
  await expect(plainCard.getByTestId("embed-state")).toHaveText(/Verified/);
  const [frameBox, cardBox] = [(await plain.boundingBox())!, (await plainCard.boundingBox())!];
  expect(frameBox.y + frameBox.height - (cardBox.y + cardBox.height)).toBeLessThanOrEqual(9);
  expect(await plainCard.evaluate((node) => node.ownerDocument.documentElement.scrollHeight - node.ownerDocument.documentElement.clientHeight)).toBeLessThanOrEqual(0);
  await visitor.close();
});

test("an organization's LinkedIn company page id, saved after the credential was accepted, reaches add-to-profile in place of its name", async ({ page, mail }) => {
  test.setTimeout(150_000);
  const org = { name: uniqueName("Pier Academy"), slug: uniqueSlug("pier") };
  const owner = uniqueEmail("paz");
  const badge = "Pier Inspector";

  // The owner awards the badge to herself and accepts it into her backpack.
  await signUp(page, { name: "Paz Owner", email: owner });
  await createOrganization(page, org);
  await designAchievement(page, org.slug, { name: badge, description: "Inspects piers and jetties.", criteria: "Inspect ten piers." });
  await issueOne(page, org.slug, { email: owner, name: "Paz Owner" });
  const claimMail = await mail.waitFor(owner, { subject: /awarded you/, timeout: 30_000 });
  const claimUrl = new URL(claimMail.links.find((link) => /\/backpack\/claim\/[^/?]+\?t=/.test(link))!);
  const credentialId = claimUrl.pathname.split("/").pop()!;
  await page.goto(claimUrl.pathname + claimUrl.search);
  await page.getByRole("button", { name: `Accept ${badge}` }).click();
  await expect(page).toHaveURL(/\/backpack\/[^/?]+\?claimed=1$/);
  const entryPath = new URL(page.url()).pathname;

  // Then she gives the organization its LinkedIn company page, pasting the page's admin address.
  await page.goto(`/dashboard/${org.slug}/settings`);
  await page.getByLabel("LinkedIn company page id").fill("https://www.linkedin.com/company/10473628/admin/");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Saved.", { exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("LinkedIn company page id")).toHaveValue("10473628");

  // "Add to LinkedIn profile" on the credential's page now names the company page, not the name.
  await page.goto(entryPath);
  const panel = page.getByRole("region", { name: `Share “${badge}”` });
  const { linkedIn, add } = await openAddToProfile(page, panel);
  const params = add.searchParams;
  expect(params.get("organizationId")).toBe("10473628");
  expect(params.has("organizationName")).toBe(false);
  expect(params.get("name")).toBe(badge);
  expect(params.get("certId")).toBe(credentialId);
  await linkedIn.close();
});
