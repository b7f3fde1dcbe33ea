import { expect, test } from "./support/fixtures.ts";

test("the landing page answers, has a heading and passes the accessibility check", async ({ page, a11y }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page.locator("h1").first()).toBeVisible();
  await a11y.check();
});
