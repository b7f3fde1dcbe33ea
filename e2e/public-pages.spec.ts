import type { Browser, Page } from "@playwright/test";
import { expect, test, uniqueEmail, uniqueName, uniqueSlug } from "./support/fixtures.ts";
import { confirmSignUp, createOrganization, PASSWORD, signUp } from "./support/flows.ts";

// A person's browser (headless Chromium says "HeadlessChrome", which the app rightly treats as
// a robot and serves the per-request page): signed out, they get the cached public pages.
const PERSON = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36";
const LINKEDIN = "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)";
test.use({ userAgent: PERSON });

let visitor = 0;
/** A signed-out browser of its own, from its own address (sign-ups are rate-limited per address). */
async function newPerson(browser: Browser, baseURL: string): Promise<Page> {
  visitor += 1;
  const context = await browser.newContext({ baseURL, userAgent: PERSON, extraHTTPHeaders: { "X-Forwarded-For": `198.51.${100 + (visitor % 50)}.${Math.floor(Math.random() * 250) + 1}` } });
  return context.newPage();
}

const meta = (page: Page, attribute: "property" | "name", key: string) => page.locator(`meta[${attribute}="${key}"]`).first().getAttribute("content");

test("public credential, achievement, issuer and profile pages: verified, shareable, accessible, and private means 404", async ({ page, browser, request, mail, a11y, baseURL }) => {
  test.setTimeout(240_000);
  const origin = baseURL!;
  const org = { name: uniqueName("Harbour Safety Institute"), slug: uniqueSlug("harbour") };
  const learnerEmail = uniqueEmail("learner");
  const handle = `lou-${Date.now().toString(36)}`;

  // An issuer publishes an achievement with a how-to-earn link and skills, and awards it.
  const issuer = await newPerson(browser, origin);
  await signUp(issuer, { name: "Ida Issuer", email: uniqueEmail("ida") });
  await createOrganization(issuer, org);
  await issuer.goto(`/dashboard/${org.slug}/achievements/new`);
  await issuer.getByLabel("Name", { exact: true }).fill("Harbour Safety Lead");
  await issuer.getByLabel("Description", { exact: true }).fill("Leads safety drills on the harbour.");
  await issuer.getByLabel("Criteria", { exact: true }).fill("Run **two** drills and pass the assessment:\n\n- a fire drill\n- an evacuation drill");
  await issuer.getByLabel("Skills and tags").fill("safety, leadership");
  await issuer.getByLabel("How-to-earn link").fill("https://harbour.example/courses/safety-lead");
  await issuer.getByLabel("Title on the badge").fill("Safety");
  await issuer.getByRole("button", { name: "Create achievement" }).click();
  await expect(issuer.getByText("Saved. This is now version 1.")).toBeVisible();
  await issuer.goto(`/dashboard/${org.slug}/issue`);
  await issuer.getByLabel("Recipient's email").fill(learnerEmail);
  await issuer.getByLabel("Recipient's name").fill("Lou Learner");
  await issuer.getByRole("button", { name: "Issue credential" }).click();
  await expect(issuer.getByText(`Credential issued to ${learnerEmail}.`)).toBeVisible();

  // The learner claims it, accepts it and picks a handle for their public profile.
  const claimMail = await mail.waitFor(learnerEmail, { subject: /awarded you/, timeout: 30_000 });
  const claimUrl = new URL(claimMail.links.find((link) => /\/backpack\/claim\/[^/?]+\?t=/.test(link))!);
  const credentialId = claimUrl.pathname.split("/").pop()!;
  const credentialPath = `/c/${credentialId}`;
  const learner = await newPerson(browser, origin);
  await learner.goto(claimUrl.pathname + claimUrl.search);
  await learner.getByRole("link", { name: "Sign up to claim" }).click();
  await learner.getByLabel("Your name").fill("Lou Learner");
  await learner.getByLabel("Password").fill(PASSWORD);
  await learner.getByRole("button", { name: "Create account" }).click();
  await confirmSignUp(learner, learnerEmail);
  await learner.getByRole("button", { name: "Accept Harbour Safety Lead" }).click();
  await expect(learner).toHaveURL(/\/backpack\/[^/]+$/);
  const entryPath = new URL(learner.url()).pathname;
  await learner.goto("/backpack/profile");
  await learner.getByLabel("Handle").fill(handle);
  await learner.getByLabel("Headline").fill("Keeps the harbour safe");
  await learner.getByRole("button", { name: "Save profile" }).click();
  await expect(learner.getByText("Your profile is saved.")).toBeVisible();

  // Signed out, the credential page: verified, every check a click away, the learner's name, the
  // issuer, skills, downloads and the call to action; the browser reports one view.
  const beacon = page.waitForRequest((r) => r.method() === "POST" && new URL(r.url()).pathname === `${credentialPath}/view`);
  const response = await page.goto(credentialPath);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Harbour Safety Lead" })).toBeVisible();
  // The verdict is one line; it opens onto every check.
  await expect(page.getByTestId("verification-title")).toHaveText("Verified credential ✓");
  await page.getByTestId("verification").locator("summary").click();
  const checks = page.getByTestId("verification-checks").getByRole("listitem");
  await expect(checks).toHaveCount(5);
  await expect(checks.first()).toBeVisible();
  for (const name of ["Signature", "Format", "Dates", "Status", "Issuer"]) {
    await expect(checks.filter({ hasText: `${name}: Passed` })).toHaveCount(1);
  }
  // The icons are drawn by the stylesheet: each has its size and its shape (a mask).
  for (const icon of [page.getByTestId("verification").locator(".icon-shield"), checks.first().locator(".icon-check"), page.getByTestId("downloads").locator(".icon-download").first()]) {
    const drawn = await icon.evaluate((element) => {
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      return { width: box.width, height: box.height, mask: style.maskImage || style.getPropertyValue("-webkit-mask-image") };
    });
    expect(drawn.width).toBeGreaterThanOrEqual(14);
    expect(drawn.height).toBe(drawn.width);
    expect(drawn.mask).toContain("data:image/svg+xml");
  }
  await expect(page.getByText("Awarded to Lou Learner")).toBeVisible();
  await expect(page.getByRole("link", { name: org.name }).first()).toHaveAttribute("href", /^\/o\/[^/]+$/);
  await expect(page.getByRole("list", { name: "Skills" })).toContainText("leadership");
  await expect(page.locator(".prose-criteria strong")).toHaveText("two");
  // The cached pages' own root layout names the icon too.
  expect(await page.locator('link[rel="icon"]').count()).toBeGreaterThanOrEqual(1);
  // A Markdown list keeps its bullets.
  const bullets = page.locator(".prose-criteria li");
  await expect(bullets).toHaveText(["a fire drill", "an evacuation drill"]);
  expect(await bullets.first().evaluate((item) => getComputedStyle(item).listStyleType)).toBe("disc");
  const earn = page.getByRole("link", { name: "Earn this badge" });
  await expect(earn).toBeVisible();
  await expect(earn).toHaveAttribute("href", `${credentialPath}/earn`);
  for (const [name, href] of [["Open Badges 3.0 (JSON-LD)", "credential.json"], ["Open Badges 3.0 (VC-JWT)", "credential.jwt"], ["Badge image (PNG)", "badge.png"], ["Badge image (SVG)", "badge.svg"], ["Open Badges 2.0 (JSON)", "ob2"]]) {
    await expect(page.getByRole("link", { name, exact: true })).toHaveAttribute("href", `${credentialPath}/${href}`);
  }
  await beacon;

  // Share meta: canonical, Open Graph and Twitter with an absolute 1200×630 card; JSON-LD.
  const canonical = `${origin}${credentialPath}`;
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", canonical);
  expect(await meta(page, "property", "og:url")).toBe(canonical);
  expect(await meta(page, "property", "og:title")).toBe(`Harbour Safety Lead · ${org.name}`);
  expect(await meta(page, "property", "og:description")).toContain("Lou Learner");
  const ogImage = (await meta(page, "property", "og:image"))!;
  expect(ogImage.startsWith(`${origin}${credentialPath}/opengraph-image?v=`)).toBe(true);
  expect(await meta(page, "property", "og:image:width")).toBe("1200");
  expect(await meta(page, "property", "og:image:height")).toBe("630");
  expect(await meta(page, "property", "og:image:alt")).toContain("Harbour Safety Lead");
  expect(await meta(page, "name", "twitter:card")).toBe("summary_large_image");
  expect(await meta(page, "name", "twitter:image")).toBe(ogImage);
  const card = await request.get(ogImage);
  expect(card.status()).toBe(200);
  expect(card.headers()["content-type"]).toBe("image/png");
  const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').first().textContent())!);
  expect(ld).toMatchObject({ "@context": "https://schema.org", "@type": "EducationalOccupationalCredential", url: canonical, name: "Harbour Safety Lead" });
  await a11y.check();

  // A link-preview crawler gets the same cached page, with the same meta.
  const preview = await request.get(credentialPath, { headers: { "User-Agent": LINKEDIN } });
  expect(preview.status()).toBe(200);
  expect(await preview.text()).toContain(`<meta property="og:image" content="${ogImage.replaceAll("&", "&amp;")}"/>`);

  // The achievement page: how to earn it, who issues it, how many hold it.
  await page.getByRole("link", { name: "About this badge" }).click();
  await expect(page).toHaveURL(/\/b\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1, name: "Harbour Safety Lead" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "How to earn it" })).toBeVisible();
  await expect(page.getByTestId("holders")).toHaveText("1 person holds it");
  await expect(page.getByRole("link", { name: "Earn this badge" })).toHaveAttribute("href", "https://harbour.example/courses/safety-lead");
  expect(await meta(page, "property", "og:image")).toMatch(new RegExp(`^${origin}/b/[^/]+/opengraph-image\\?v=`));
  expect(await meta(page, "name", "twitter:card")).toBe("summary_large_image");
  await a11y.check();

  // The issuer page lists it with its holder count.
  await page.getByRole("link", { name: org.name }).first().click();
  await expect(page).toHaveURL(/\/o\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1, name: org.name })).toBeVisible();
  const listed = page.getByRole("listitem").filter({ hasText: "Harbour Safety Lead" });
  await expect(listed).toContainText("1 holder");
  expect(await meta(page, "property", "og:image")).toMatch(new RegExp(`^${origin}/o/[^/]+/opengraph-image\\?v=`));
  await a11y.check();

  // The learner's profile: name, headline, the credential and a skills summary.
  const profileResponse = await page.goto(`/u/${handle}`);
  expect(profileResponse?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Lou Learner" })).toBeVisible();
  await expect(page.getByText("Keeps the harbour safe")).toBeVisible();
  await expect(page.getByTestId("all").getByRole("link", { name: "Harbour Safety Lead" })).toHaveAttribute("href", credentialPath);
  await expect(page.getByTestId("skills")).toContainText("safety");
  expect(await meta(page, "property", "og:image")).toMatch(new RegExp(`^${origin}/u/${handle}/opengraph-image\\?v=`));
  const profileLd = JSON.parse((await page.locator('script[type="application/ld+json"]').first().textContent())!);
  expect(profileLd).toMatchObject({ "@type": "ProfilePage", mainEntity: { "@type": "Person", name: "Lou Learner" } });
  await a11y.check();
  expect((await page.goto(`/u/${handle}-nobody`))?.status()).toBe(404);

  // Signed in, the learner sees their own credential as theirs, without the call to action.
  await learner.goto(credentialPath);
  await expect(learner.getByRole("heading", { name: "This is your credential" })).toBeVisible();
  await expect(learner.getByRole("link", { name: "Open your backpack" })).toHaveAttribute("href", "/backpack");
  await expect(learner.getByRole("link", { name: "Earn this badge" })).toHaveCount(0);

  // Private: to a stranger, the page, its JSON-LD, card and downloads do not exist.
  await learner.goto(entryPath);
  await learner.getByLabel("Private").check();
  await learner.getByRole("button", { name: "Save visibility" }).click();
  await expect(learner.getByText("Visibility saved.")).toBeVisible();
  const stranger = { "User-Agent": PERSON };
  // Next.js clears the cached page just after the action answers: wait out that moment once.
  await expect.poll(async () => (await request.get(credentialPath, { headers: stranger })).status()).toBe(404);
  expect((await page.goto(credentialPath))?.status()).toBe(404);
  expect((await request.get(credentialPath, { headers: { ...stranger, Accept: "application/ld+json" } })).status()).toBe(404);
  expect((await request.get(credentialPath, { headers: { "User-Agent": LINKEDIN } })).status()).toBe(404);
  expect((await request.get(`${credentialPath}/opengraph-image`, { headers: stranger })).status()).toBe(404);
  for (const file of ["credential.json", "credential.jwt", "badge.png", "badge.svg", "ob2"]) {
    expect((await request.get(`${credentialPath}/${file}`, { headers: stranger })).status(), file).toBe(404);
  }
  // …and gone from the public profile.
  await page.goto(`/u/${handle}`);
  await expect(page.getByText("No public credentials yet")).toBeVisible();
  await a11y.check();

  // The learner and the issuer still see it, marked private.
  await learner.goto(credentialPath);
  await expect(learner.getByTestId("private-note")).toBeVisible();
  expect((await learner.request.get(`${credentialPath}/credential.json`)).status()).toBe(200);
  await issuer.goto(credentialPath);
  await expect(issuer.getByRole("heading", { level: 1, name: "Harbour Safety Lead" })).toBeVisible();
  await expect(issuer.getByTestId("private-note")).toBeVisible();
});
