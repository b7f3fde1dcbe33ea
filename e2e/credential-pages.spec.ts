import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { createA11y } from "./support/a11y.ts";
import { runDatabaseFixture } from "./support/database-fixture.ts";
import { expect, test } from "./support/fixtures.ts";
import { signIn } from "./support/flows.ts";
import { expectNoSidewaysScroll } from "./support/layout.ts";

type Fixture = {
  email: string;
  password: string;
  orgSlug: string;
  orgId: string;
  programId: string;
  apiKey: string;
  achievementIds: { program: string; howToEarn: string; issuer: string };
};
type Setup = Fixture & { handle: string; credentials: { program: string; howToEarn: string; issuer: string } };

/**
 * The issuer (straight in the database), its three credentials issued through the API (so the
 * app signs them as it signs any), and Katherine's accepted into her public profile.
 */
async function setUp(request: APIRequestContext): Promise<Setup> {
  const fixture = JSON.parse(runDatabaseFixture("credential-pages-fixture.ts")) as Fixture;
  const issue = async (achievementId: string, name: string, extra: Record<string, unknown> = {}) => {
    const response = await request.post("/api/v1/credentials", {
      headers: { Authorization: `Bearer ${fixture.apiKey}` },
      data: { achievementId, recipient: { email: `${name.split(" ")[0].toLowerCase()}+${Date.now()}${Math.random().toString(36).slice(2, 8)}@example.com`, name }, ...extra },
    });
    expect(response.status(), await response.text()).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };
  const credentials = {
    program: await issue(fixture.achievementIds.program, "Katherine Johnson", {
      result: "92%",
      evidence: [{ id: "https://northwind.example/labs/kj-final", name: "Final lab report", narrative: "Built a three-tier network." }],
    }),
    howToEarn: await issue(fixture.achievementIds.howToEarn, "Dorothy Vaughan"),
    issuer: await issue(fixture.achievementIds.issuer, "Mary Jackson"),
  };
  const { handle } = JSON.parse(runDatabaseFixture("credential-pages-fixture.ts", ["hold", credentials.program])) as { handle: string };
  return { ...fixture, handle, credentials };
}

const PHONE = { width: 390, height: 844 };
const FOLD = PHONE.height;

/** A visitor on a phone: signed out, a person's browser (the user agent playwright.config sets). */
async function phone(browser: Browser, baseURL: string, address: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport: PHONE, extraHTTPHeaders: { "X-Forwarded-For": address } });
  const page = await context.newPage();
  // The issuer's own website is not part of the test; the visitor lands on a stand-in page.
  await page.route("https://northwind.example/**", (route) => route.fulfill({ contentType: "text/html", body: "<!doctype html><title>Northwind</title><h1>Northwind courses</h1>" }));
  return page;
}

/** axe on the visitor's page (the `a11y` fixture checks the test's own `page`). */
const axe = (page: Page) => createA11y(page, test.info()).check();

const meta = (page: Page, attribute: "property" | "name", key: string) => page.locator(`meta[${attribute}="${key}"]`).first().getAttribute("content");

async function earnClicks(page: Page, orgSlug: string): Promise<number> {
  await page.goto(`/dashboard/${orgSlug}/analytics`);
  const text = await page.getByTestId("kpi-earnClicks").getByTestId("kpi-value").textContent();
  return Number(text?.trim());
}

test("a visitor on a phone sees the badge and the call to action first, follows it, and the issuer counts every click", async ({ browser, page, request, baseURL }) => {
  test.setTimeout(180_000);
  const fixture = await setUp(request);
  const { credentials } = fixture;

  // The issuer reads the count before anyone clicks.
  await signIn(page, fixture.email, fixture.password);
  const before = await earnClicks(page, fixture.orgSlug);

  // A shared link, opened on a phone: badge, earner and "Earn this badge" above the fold.
  const visitor = await phone(browser, baseURL!, "198.51.77.10");
  await visitor.goto(`/c/${credentials.program}`);
  await expect(visitor.getByRole("heading", { level: 1, name: "Cloud Fundamentals" })).toBeVisible();
  const badge = visitor.getByRole("img", { name: "The Cloud Fundamentals badge" });
  const earn = visitor.getByRole("link", { name: "Earn this badge" });
  await expect(badge).toBeVisible();
  await expect(earn).toBeVisible();
  expect((await badge.boundingBox())!.y).toBeLessThan(FOLD);
  expect((await earn.boundingBox())!.y).toBeLessThan(FOLD);
  expect((await visitor.getByTestId("recipient").boundingBox())!.y).toBeLessThan(FOLD);
  await expect(visitor.getByTestId("earn-where")).toHaveText("Join Cloud Career Path, the Northwind Training Institute program that awards it.");

  // The earner's name leads to her public profile; the result and evidence the issuer recorded show.
  await expect(visitor.getByTestId("recipient").getByRole("link", { name: "See Katherine Johnson's profile" })).toHaveAttribute("href", `/u/${fixture.handle}`);
  await expect(visitor.getByTestId("results")).toContainText("92%");
  await expect(visitor.getByTestId("evidence")).toContainText("Final lab report");
  await expect(visitor.getByTestId("evidence").getByRole("link", { name: "Open the evidence" })).toHaveAttribute("href", "https://northwind.example/labs/kj-final");

  // Verification is one line; every check is one click away.
  const verification = visitor.getByTestId("verification");
  await expect(visitor.getByTestId("verification-title")).toHaveText("Verified credential ✓");
  const checks = visitor.getByTestId("verification-checks").getByRole("listitem");
  await expect(checks.first()).toBeHidden();
  await verification.locator("summary").click();
  await expect(checks).toHaveCount(5);
  for (const name of ["Signature", "Format", "Dates", "Status", "Issuer"]) await expect(checks.filter({ hasText: `${name}: Passed` })).toBeVisible();
  await expectNoSidewaysScroll(visitor);
  await axe(visitor);

  // "Earn this badge" leads to the public program that awards it.
  await earn.click();
  await expect(visitor).toHaveURL(new RegExp(`/p/${fixture.programId}$`));

  // A badge outside any public program (its program is members-only) leads to its how-to-earn link.
  await visitor.goto(`/c/${credentials.howToEarn}`);
  await expect(visitor.getByTestId("earn-where")).toHaveText("Northwind Training Institute explains how to earn it on its website.");
  await expectNoSidewaysScroll(visitor);
  await visitor.getByRole("link", { name: "Earn this badge" }).click();
  await expect(visitor).toHaveURL("https://northwind.example/network");

  // A badge with neither leads to the issuer's page: its website and the programs one can join.
  await visitor.goto(`/c/${credentials.issuer}`);
  await visitor.getByRole("link", { name: "Earn this badge" }).click();
  await expect(visitor).toHaveURL(new RegExp(`/o/${fixture.orgId}$`));
  await expect(visitor.getByRole("heading", { level: 1, name: "Northwind Training Institute" })).toBeVisible();
  await expect(visitor.getByRole("link", { name: "northwind.example" })).toHaveAttribute("href", "https://northwind.example");
  const programs = visitor.getByTestId("issuer-programs");
  await expect(programs.getByRole("link", { name: "See the Cloud Career Path program" })).toHaveAttribute("href", `/p/${fixture.programId}`);
  await expect(programs).not.toContainText("Staff Network Track");
  await expectNoSidewaysScroll(visitor);
  await axe(visitor);

  // The achievement page leads the same way (here: the public program).
  await visitor.goto(`/b/${fixture.achievementIds.program}`);
  await expect(visitor.getByRole("link", { name: "Earn this badge" })).toHaveAttribute("href", `/p/${fixture.programId}`);
  await expectNoSidewaysScroll(visitor);
  await axe(visitor);

  // The embed framed on personal sites fits a phone too.
  await visitor.goto(`/c/${credentials.program}/embed`);
  await expect(visitor.getByTestId("embed-state")).toHaveText(/Verified/);
  await expectNoSidewaysScroll(visitor);
  await axe(visitor);
  await visitor.context().close();

  // Three clicks on "Earn this badge", three more in the issuer's funnel.
  await expect(async () => {
    expect(await earnClicks(page, fixture.orgSlug)).toBe(before + 3);
  }).toPass({ timeout: 15_000 });
  await expect(page.getByTestId("funnel-step-cta_clicked").getByTestId("funnel-count")).toHaveText(String(before + 3));
});

test("once revoked, a credential reads as revoked everywhere: page, link preview, card and embed; its files stay", async ({ browser, page, request, baseURL }) => {
  test.setTimeout(150_000);
  const fixture = await setUp(request);
  const path = `/c/${fixture.credentials.issuer}`;

  // A visitor has seen it valid (the signed-out page is now cached)…
  const visitor = await phone(browser, baseURL!, "198.51.77.20");
  await visitor.goto(path);
  await expect(visitor.getByTestId("verification-title")).toHaveText("Verified credential ✓");
  await expect(visitor.getByRole("link", { name: "Earn this badge" })).toBeVisible();

  // …then the issuer revokes it from the dashboard.
  await signIn(page, fixture.email, fixture.password);
  await page.goto(`/dashboard/${fixture.orgSlug}/credentials/${fixture.credentials.issuer}`);
  page.on("dialog", (dialog) => dialog.accept());
  await page.getByLabel("Reason for revoking").fill("Issued by mistake");
  await page.getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(page.getByText("This credential is revoked.")).toBeVisible();

  // The visitor's next look: the band with the date first, the badge faded, no call to action.
  await visitor.reload();
  const band = visitor.getByTestId("status-band");
  await expect(band.getByRole("heading")).toHaveText(/^Revoked on [A-Z][a-z]+ \d{1,2}, \d{4}$/);
  await expect(band).toContainText("The issuer has revoked this credential.");
  expect((await band.boundingBox())!.y).toBeLessThan(FOLD);
  await expect(visitor.getByRole("img", { name: "The Security Awareness badge" })).toHaveAttribute("data-faded", "true");
  await expect(visitor.getByRole("link", { name: "Earn this badge" })).toHaveCount(0);
  await expect(visitor.getByTestId("verification-title")).toHaveText("Revoked");
  await expect(visitor.getByText("Issued by mistake")).toHaveCount(0);
  // The files stay, for the record.
  for (const [name, file] of [["Open Badges 3.0 (JSON-LD)", "credential.json"], ["Badge image (PNG)", "badge.png"], ["Open Badges 2.0 (JSON)", "ob2"]]) {
    await expect(visitor.getByRole("link", { name, exact: true })).toHaveAttribute("href", `${path}/${file}`);
  }
  expect((await request.get(`${path}/credential.json`)).status()).toBe(200);
  await expectNoSidewaysScroll(visitor);
  await axe(visitor);

  // What a link preview reads: revoked, with the date; never "verified".
  const title = (await meta(visitor, "property", "og:title"))!;
  const description = (await meta(visitor, "property", "og:description"))!;
  expect(title).toBe("Revoked: Security Awareness · Northwind Training Institute");
  expect(description).toMatch(/^Security Awareness from Northwind Training Institute to Mary Jackson: revoked on .+, no longer valid\.$/);
  for (const text of [title, description, (await meta(visitor, "name", "twitter:title"))!, (await meta(visitor, "name", "twitter:description"))!]) {
    expect(text).not.toMatch(/verified/i);
  }
  expect(await meta(visitor, "property", "og:image:alt")).toContain("revoked");
  const card = await request.get((await meta(visitor, "property", "og:image"))!);
  expect(card.status()).toBe(200);
  expect(card.headers()["content-type"]).toBe("image/png");

  // The embed on a personal site says so too, with the date.
  await visitor.goto(`${path}/embed`);
  await expect(visitor.getByTestId("embed-state")).toHaveText(/Revoked on/);
  await expect(visitor.getByRole("img", { name: /Security Awareness/ })).toHaveAttribute("data-faded", "true");
  await expectNoSidewaysScroll(visitor);
  await axe(visitor);
  await visitor.context().close();
});
