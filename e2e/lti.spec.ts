import { ROLES, startLtiPlatform, type PlatformMessage, type PlatformUser } from "../lib/test/lti-platform.ts";
import { runDatabaseFixture } from "./support/database-fixture.ts";
import { expect, test, uniqueEmail } from "./support/fixtures.ts";
import { signIn } from "./support/flows.ts";

// A learning platform on loopback (its own keys, JWKS, token endpoint, grades and roster), on the
// port global setup told the app it may reach. Its course page frames Laurel, as an LMS does.
test("an owner registers a learning platform; from the course an instructor places a badge and awards it from grades, and learners see their badge and progress", async ({ page, a11y, baseURL, browser }) => {
  const { email, orgSlug, orgId } = JSON.parse(runDatabaseFixture("lti-fixture.ts")) as { email: string; orgSlug: string; orgId: string };
  const port = Number(process.env.LAUREL_E2E_LTI_PORT);
  expect(port, "global setup reserves the platform's port").toBeGreaterThan(0);
  const platform = await startLtiPlatform({ port });
  platform.setToolJwks(async () => (await fetch(`${baseURL}/lti/${orgId}/jwks.json`)).json());
  try {
    // --- The owner registers the platform in the dashboard.
    await signIn(page, email);
    await page.goto(`/dashboard/${orgSlug}/settings`);
    await page.getByRole("link", { name: "Set up LTI" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "LTI 1.3: Canvas, Moodle, Blackboard, D2L" })).toBeVisible();
    await expect(page.getByTestId("lti-loginUrl")).toContainText(`${baseURL}/lti/${orgId}/login`);
    await expect(page.getByTestId("lti-jwksUrl")).toContainText(`${baseURL}/lti/${orgId}/jwks.json`);
    await expect(page.getByTestId("lti-platforms-empty")).toBeVisible();
    await a11y.check();

    const registration = platform.registration();
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Register platform" }) });
    await form.getByLabel("Issuer (platform id)").fill(registration.issuer);
    await form.getByLabel("Client id").fill(registration.clientId);
    await form.getByLabel("Authorization URL").fill(registration.authorizationUrl);
    await form.getByLabel("Access token URL").fill("http://lms.example.com/token");
    await form.getByLabel("Public keyset URL", { exact: true }).fill(registration.jwksUrl);
    await form.getByLabel("Deployment ids").fill(registration.deploymentIds.join("\n"));
    await form.getByRole("button", { name: "Register platform" }).click();
    await expect(form.getByText("Use an https:// address: the platform sends learners' details.")).toBeVisible();
    await a11y.check();
    await form.getByLabel("Access token URL").fill(registration.tokenUrl);
    await form.getByRole("button", { name: "Register platform" }).click();
    await expect(form.getByText("Platform registered. Its instructors can now add Laurel to their courses.")).toBeVisible();
    const row = page.getByTestId("lti-platform-row");
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(registration.issuer);
    await expect(row).toContainText(registration.clientId);
    await a11y.check();

    await page.context().addCookies([{ name: "NEXT_LOCALE", value: "es", url: baseURL! }]);
    await page.reload();
    await expect(page.getByRole("heading", { name: "Plataformas registradas" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Registrar plataforma" })).toBeVisible();
    await a11y.check();

    // --- In the course, without any Laurel session: a context of its own.
    const course = await browser.newContext();
    const coursePage = await course.newPage();
    const open = async (user: PlatformUser, message: PlatformMessage, target: "launch" | "deep-link" = "launch") => {
      const login = `${baseURL}/lti/${orgId}/login?${platform.loginQuery(user, platform.message(message), `${baseURL}/lti/${orgId}/${target}`)}`;
      await coursePage.goto(`${platform.origin}/course?login=${encodeURIComponent(login)}`);
      return coursePage.frameLocator('iframe[title="Laurel"]');
    };
    const instructor = platform.addUser({ sub: "teacher-1", name: "Tess Teacher", email: uniqueEmail("tess"), roles: [ROLES.instructor] });

    // Deep linking: the instructor picks the badge; the platform gets a response it verifies with the tool's keys.
    let frame = await open(instructor, { type: "LtiDeepLinkingRequest" }, "deep-link");
    await expect(frame.getByRole("heading", { name: "Place a badge in this course" })).toBeVisible();
    await frame.getByRole("radio", { name: /Cell Biologist/ }).check();
    await frame.getByRole("button", { name: "Place this badge" }).click();
    await expect(frame.getByTestId("placed-item")).toHaveText("Cell Biologist");
    const placed = (platform.seen.deepLinks[0]["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"] as Array<{ custom: Record<string, string> }>)[0];

    // The gradebook and the roster of the course.
    const learner = (name: string) => ({ user_id: `${name.toLowerCase()}-1`, name, email: uniqueEmail(name.toLowerCase()), roles: [ROLES.learner] });
    const people = { ada: learner("Ada"), ben: learner("Ben"), cy: learner("Cy"), dot: learner("Dot") };
    platform.course.members = [...Object.values(people), { user_id: instructor.sub, name: instructor.name, email: instructor.email, roles: [ROLES.instructor] }];
    platform.course.lineItems = [{ id: platform.lineItemUrl(1), label: "Final exam", scoreMaximum: 100 }, { id: platform.lineItemUrl(2), label: "Quiz 1", scoreMaximum: 10 }];
    platform.setResults(platform.lineItemUrl(1), [
      { userId: people.ada.user_id, resultScore: 92, resultMaximum: 100 },
      { userId: people.ben.user_id, resultScore: 40, resultMaximum: 50 },
      { userId: people.cy.user_id, resultScore: 79.5, resultMaximum: 100 },
    ]);
    const badgeLink: PlatformMessage = { type: "LtiResourceLinkRequest", resourceLinkId: "bio-badge-1", title: "Cell Biologist", custom: placed.custom };

    // The instructor opens the placed badge: the award rule, then the roster.
    frame = await open(instructor, badgeLink);
    await expect(frame.getByTestId("lti-badge-name")).toHaveText("Cell Biologist");
    await frame.getByLabel("Assignment").selectOption({ label: "Final exam" });
    await frame.getByLabel("Minimum score (%)").fill("80");
    await frame.getByRole("button", { name: "Save and award" }).click();
    await expect(frame.getByText("Checked 4 learners (3 with a score); 2 new badges awarded.")).toBeVisible();
    await expect(frame.getByTestId("lti-roster-row")).toHaveCount(4);
    await expect(frame.getByTestId("lti-roster-status")).toHaveText(["Awarded", "Awarded", "Not yet", "No score yet"]);
    await frame.getByRole("button", { name: "Sync now" }).click();
    await expect(frame.getByText("Checked 4 learners (3 with a score); no new badge awarded.")).toBeVisible();

    // A learner below the line sees the badge and their progress; one above it, the claim link.
    frame = await open(platform.addUser({ sub: people.cy.user_id, name: "Cy", email: people.cy.email, roles: [ROLES.learner] }), badgeLink);
    await expect(frame.getByTestId("lti-badge-name")).toHaveText("Cell Biologist");
    await expect(frame.getByText("Earn it with at least 80 % in Final exam.")).toBeVisible();
    await expect(frame.getByText("Your score: 79.5 %")).toBeVisible();
    await expect(frame.getByRole("progressbar", { name: "Progress toward the badge" })).toHaveAttribute("aria-valuenow", "99");

    frame = await open(platform.addUser({ sub: people.ada.user_id, name: "Ada", email: people.ada.email, roles: [ROLES.learner] }), badgeLink);
    await expect(frame.getByText("You earned this badge!")).toBeVisible();
    await expect(frame.getByRole("link", { name: "Claim your badge" })).toHaveAttribute("href", /\/backpack\/claim\/[^/?]+\?t=/);
    await course.close();
  } finally {
    await platform.close();
  }
});
