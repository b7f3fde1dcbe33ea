import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
import { expect, test, uniqueEmail, uniqueName, uniqueSlug } from "./support/fixtures.ts";
import { createOrganization, designAchievement, issueOne, signUp } from "./support/flows.ts";

test.use({ viewport: { width: 390, height: 844 } });

/**
 * What makes the page scroll sideways: nothing when it fits, else the outermost elements reaching
 * past the screen's right edge (tag, class and width), so a failure names its culprit.
 */
function wider(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return [];
    const offenders = [...document.body.querySelectorAll<HTMLElement>("*")].filter((element) => {
      const box = element.getBoundingClientRect();
      if (box.right <= root.clientWidth + 0.5 || box.width === 0) return false;
      // The outermost one: its parent fits, or clips it.
      const parent = element.parentElement;
      if (!parent) return true;
      const parentBox = parent.getBoundingClientRect();
      return parentBox.right <= root.clientWidth + 0.5 || getComputedStyle(parent).overflowX !== "visible";
    });
    return offenders.slice(0, 5).map((element) => `${element.tagName.toLowerCase()}.${element.getAttribute("class") ?? ""} (${Math.round(element.getBoundingClientRect().width)} px)`);
  });
}

/** Every dashboard page, read from the app's folders: `/dashboard/[org]/groups/[groupId]` for `app/(main)/dashboard/[org]/groups/[groupId]/page.tsx`. */
function dashboardRoutes(): string[] {
  const root = fileURLToPath(new URL("../app/(main)/dashboard/", import.meta.url));
  return readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((file) => path.basename(file) === "page.tsx")
    .map((file) => path.posix.join("/dashboard", path.dirname(file).split(path.sep).join("/")))
    .sort();
}

// Webhooks are a Business feature: on the trial the endpoints list is the plan's card, and no
// endpoint can exist. e2e/webhooks.spec.ts checks an endpoint's page on a phone.
const LOCKED_ON_TRIAL = ["/dashboard/[org]/webhooks/[id]"];

test("on a 390 px phone every dashboard page fits the screen, and the menu folds behind a button", async ({ page, a11y }) => {
  test.setTimeout(240_000);
  const org = { name: uniqueName("Pocket Academy"), slug: uniqueSlug("pocket") };
  await signUp(page, { name: "Pat Phone", email: uniqueEmail("pat") });
  await createOrganization(page, org);
  const base = `/dashboard/${org.slug}`;
  const idIn = (url: string) => new URL(url, page.url()).pathname.split("/").pop()!;

  // What the pages with an id show: an achievement offering a certificate, a credential, a group
  // with a member, a bulk job with a failed row to correct, a program and its events upload.
  await designAchievement(page, org.slug, { name: "Pocket Navigator With A Rather Long Name", description: "Finds the way on a small screen.", criteria: "Find it." });
  const achievementId = idIn(page.url());
  await page.goto(`${base}/achievements/${achievementId}/edit`);
  await page.getByLabel("Offer a certificate").check();
  await expect(page.getByTestId("certificate-preview")).toBeVisible();
  await page.getByRole("button", { name: "Save as a new version" }).click();
  await expect(page.getByText("Saved. This is now version 2.")).toBeVisible();

  await issueOne(page, org.slug, { email: uniqueEmail("recipient-with-a-long-address"), name: "Maximiliana Recipient-Longname" });
  const credentialId = idIn((await page.getByRole("link", { name: "Manage it" }).getAttribute("href"))!);

  await page.goto(`${base}/groups`);
  await page.getByLabel("Group name").fill("Evening class of the second spring term");
  await page.getByRole("button", { name: "Create group" }).click();
  await expect(page).toHaveURL(/\/groups\/[\w-]+$/);
  const groupId = idIn(page.url());
  await page.getByLabel("Email", { exact: true }).fill(uniqueEmail("group-member-with-a-long-address"));
  await page.getByLabel("Name", { exact: true }).fill("Bartholomew Member-Longname");
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByTestId("group-member")).toHaveCount(1);

  await page.goto(`${base}/issue/bulk`);
  await page.getByLabel("Paste rows from a spreadsheet").check();
  await page.getByLabel("Rows from a spreadsheet", { exact: true }).fill(`${uniqueEmail("bulk-recipient-with-a-long-address")}\tBulk Recipient\nnot-an-address\tNo Address`);
  await page.getByRole("button", { name: "Check file" }).click();
  await page.getByRole("button", { name: "Issue 1 credential" }).click();
  await expect(page).toHaveURL(/\/issue\/bulk\/[\w-]+$/);
  const bulkJobId = idIn(page.url());
  await expect(page.getByTestId("bulk-job-status")).toHaveText("Completed with 1 failed row", { timeout: 30_000 });

  await page.goto(`${base}/programs/new`);
  await page.getByLabel("Name", { exact: true }).fill("Walking Challenge With A Long Name");
  await page.getByLabel("Key", { exact: true }).fill("steps");
  await page.getByLabel("Label in English").fill("steps");
  await page.getByRole("button", { name: "Create program" }).click();
  await expect(page).toHaveURL(/\/programs\/(?!new$)[\w-]+$/);
  const programId = idIn(page.url());
  await page.goto(`${base}/programs/${programId}/events`);
  await page.getByLabel("CSV file").setInputFiles({
    name: "walking-events-of-the-spring-term.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`id,email,metric,value\nwalk-1,${uniqueEmail("walker")},steps,1200\nwalk-2,not-an-address,steps,800\n`),
  });
  await page.getByRole("button", { name: "Upload and process" }).click();
  await expect(page).toHaveURL(/\/events\/[\w-]+$/);
  const eventsJobId = idIn(page.url());
  await expect(page.getByTestId("events-rejected-row")).toHaveCount(1, { timeout: 30_000 });

  const ids: Record<string, string> = {
    "[org]": org.slug,
    "achievements/[id]": `achievements/${achievementId}`,
    "credentials/[id]": `credentials/${credentialId}`,
    "groups/[groupId]": `groups/${groupId}`,
    "bulk/[jobId]": `bulk/${bulkJobId}`,
    "programs/[programId]": `programs/${programId}`,
    "events/[jobId]": `events/${eventsJobId}`,
  };
  const routes = dashboardRoutes().filter((route) => !LOCKED_ON_TRIAL.includes(route));
  expect(routes).toContain("/dashboard/[org]/programs/[programId]/events/[jobId]");
  const menuButton = page.getByRole("button", { name: "Menu" });
  const nav = page.getByRole("navigation", { name: "Workspace" });
  for (const route of routes) {
    const url = route.replace("[org]", ids["[org]"]).replace(/[\w-]+\/\[\w+\]/g, (segment) => {
      if (!ids[segment]) throw new Error(`${route}: no ${segment} made for this page yet`);
      return ids[segment];
    });
    await page.goto(url);
    await expect(page.locator("h1").first(), route).toBeVisible();
    // No sideways scrolling: nothing is wider than the screen, once the page has laid itself out
    // (a chart measures its box after the first frame).
    // Soft: one run names every page that is too wide.
    await expect.configure({ soft: true }).poll(() => wider(page), { message: route }).toEqual([]);
    // The menu starts folded: the page's own heading is within the first screen.
    await expect(nav).toBeHidden();
    const headingTop = await page.locator("h1").first().evaluate((heading) => heading.getBoundingClientRect().top);
    expect(headingTop, route).toBeLessThan(300);
  }

  // The designer with the certificate's layout and its preview drawn.
  await page.goto(`${base}/achievements/${achievementId}/edit`);
  await expect(page.getByTestId("certificate-preview")).toBeVisible();
  await expect.poll(() => wider(page)).toEqual([]);

  // The credentials list: each credential a card, its status and engagement on screen.
  await page.goto(`${base}/credentials`);
  const row = page.getByTestId("credential-row").filter({ hasText: "Maximiliana Recipient-Longname" });
  for (const cell of [row.getByTestId("credential-status"), row.getByTestId("credential-engagement")]) {
    // Scrolled to vertically, as a thumb does; whole on the screen with no sideways scroll.
    await cell.evaluate((element) => window.scrollTo(0, element.getBoundingClientRect().top + window.scrollY - 200));
    await expect(cell).toBeInViewport({ ratio: 1 });
    const box = (await cell.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  }
  await expect(row.getByTestId("credential-status")).toHaveText("Issued");
  await a11y.check();

  // The credential's page, reached from the list.
  await row.getByRole("link", { name: "Maximiliana Recipient-Longname" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Maximiliana Recipient-Longname" })).toBeVisible();

  // The menu opens, leads to a page, and folds again there.
  await menuButton.click();
  await expect(page.getByRole("button", { name: "Close" })).toHaveAttribute("aria-expanded", "true");
  await expect(nav).toBeVisible();
  await a11y.check();
  await nav.getByRole("link", { name: "Members" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
  await expect(nav).toBeHidden();
  await expect(menuButton).toHaveAttribute("aria-expanded", "false");
});
