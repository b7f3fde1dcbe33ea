// Import `test` and `expect` from here in every spec:
//
//   import { test, expect, uniqueEmail } from "./support/fixtures.ts";
//
//   test("sign-up sends a verification mail", async ({ page, mail, a11y }) => {
//     const email = uniqueEmail("learner");
//     await page.goto("/sign-up");
//     await a11y.check();
//     …
//     const link = await mail.waitForLink(email, /\/verify/, { subject: /confirm/i });
//   });
import { test as base, expect } from "@playwright/test";
import { createA11y, type A11y } from "./a11y.ts";
import { Mailbox } from "./mailbox.ts";

export interface LaurelFixtures {
  /** Mails the app sent through SMTP during this run. */
  mail: Mailbox;
  /** axe-core accessibility check of the current page. */
  a11y: A11y;
}

let visitor = 0;

export const test = base.extend<LaurelFixtures>({
  // Each test comes from its own address (as the app's trusted proxy would report it), so
  // per-IP rate limits treat tests as different visitors, as they are.
  extraHTTPHeaders: async ({}, use, testInfo) => {
    visitor += 1;
    await use({ "X-Forwarded-For": `198.18.${testInfo.workerIndex % 256}.${visitor % 256}` });
  },
  mail: async ({}, use) => {
    const url = process.env.LAUREL_E2E_MAILBOX_URL;
    if (!url) throw new Error("LAUREL_E2E_MAILBOX_URL is not set: run the browser tests with `npm run test:e2e`.");
    await use(new Mailbox(url));
  },
  a11y: async ({ page }, use, testInfo) => {
    await use(createA11y(page, testInfo));
  },
});

export { expect };
export { uniqueEmail, uniqueId, uniqueName, uniqueSlug } from "./factories.ts";
export type { Mail, WaitForMailOptions } from "./mailbox.ts";
export type { A11yCheckOptions } from "./a11y.ts";
