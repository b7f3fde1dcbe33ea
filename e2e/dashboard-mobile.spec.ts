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

test("on a 390 px phone every dashboard page fits the screen, and the menu folds behind a button", async ({ page, a11y }) => {
  test.setTimeout(180_000);
  const org = { name: uniqueName("Pocket Academy"), slug: uniqueSlug("pocket") };
  await signUp(page, { name: "Pat Phone", email: uniqueEmail("pat") });
  await createOrganization(page, org);
  const base = `/dashboard/${org.slug}`;

  // One credential, so the tables have a row.
  await designAchievement(page, org.slug, { name: "Pocket Navigator With A Rather Long Name", description: "Finds the way on a small screen.", criteria: "Find it." });
  await issueOne(page, org.slug, { email: uniqueEmail("recipient-with-a-long-address"), name: "Maximiliana Recipient-Longname" });

  const menuButton = page.getByRole("button", { name: "Menu" });
  const nav = page.getByRole("navigation", { name: "Workspace" });
  const pages = ["", "/achievements", "/achievements/new", "/issue", "/issue/bulk", "/credentials", "/groups", "/programs", "/analytics", "/members", "/api-keys", "/webhooks", "/billing", "/settings"];
  for (const path of pages) {
    await page.goto(`${base}${path}`);
    await expect(page.locator("h1").first()).toBeVisible();
    // No sideways scrolling: nothing is wider than the screen, once the page has laid itself out
    // (a chart measures its box after the first frame).
    await expect.poll(() => wider(page), { message: path || "/" }).toEqual([]);
    // The menu starts folded: the page's own heading is within the first screen.
    await expect(nav).toBeHidden();
    const headingTop = await page.locator("h1").first().evaluate((heading) => heading.getBoundingClientRect().top);
    expect(headingTop, path || "/").toBeLessThan(300);
  }

  // The credential's page too, reached from the table.
  await page.goto(`${base}/credentials`);
  await page.getByRole("link", { name: "Maximiliana Recipient-Longname" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Maximiliana Recipient-Longname" })).toBeVisible();
  expect(await wider(page)).toEqual([]);

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
