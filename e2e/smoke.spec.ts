import { expect, test } from "./support/fixtures.ts";

test("the landing page answers, has a heading and passes the accessibility check", async ({ page, a11y }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page.locator("h1").first()).toBeVisible();
  await a11y.check();
});

test("every kind of page names Laurel's icon, and the icon and /favicon.ico answer", async ({ page, request }) => {
  const failed: string[] = [];
  page.on("response", (response) => {
    if (response.status() === 404 && /icon|favicon/.test(new URL(response.url()).pathname)) failed.push(response.url());
  });
  // The landing page, a sign-in page and the public verifier (public credential pages, under a root
  // layout of their own, are checked in public-pages.spec.ts).
  for (const path of ["/", "/sign-in", "/verify"]) {
    await page.goto(path);
    const icons = await page.locator('link[rel="icon"]').evaluateAll((links) => links.map((link) => (link as HTMLLinkElement).href));
    expect(icons.length, path).toBeGreaterThanOrEqual(1);
    for (const href of icons) {
      const icon = await request.get(href);
      expect(icon.status(), href).toBe(200);
      expect(icon.headers()["content-type"], href).toMatch(/^image\//);
    }
  }
  expect((await request.get("/favicon.ico")).headers()["content-type"]).toMatch(/^image\//);
  expect(failed).toEqual([]);
});
