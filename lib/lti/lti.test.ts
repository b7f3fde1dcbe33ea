import { createLocalJWKSet, decodeJwt, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as configRoute from "@/app/(main)/lti/[orgId]/config.json/route";
import * as deepLinkRoute from "@/app/(main)/lti/[orgId]/deep-link/route";
import * as jwksRoute from "@/app/(main)/lti/[orgId]/jwks.json/route";
import * as launchRoute from "@/app/(main)/lti/[orgId]/launch/route";
import * as loginRoute from "@/app/(main)/lti/[orgId]/login/route";
import * as platformsRoute from "@/app/api/v1/lti/platforms/route";
import { createApiKey } from "@/lib/api/keys";
import { db, ensureDb } from "@/lib/db";
import { env, reloadEnv } from "@/lib/env";
import { parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";
import { achievementInputSchema } from "@/lib/issuing/schemas";
import { createOrgWith, createUser, unique, uniqueEmail } from "@/lib/test/factories";
import { formIn, ROLES, startLtiPlatform, type LtiTestPlatform, type PlatformMessage, type PlatformUser } from "@/lib/test/lti-platform";
import { saveAwardRule, syncAwardRule, syncDueAwardRules } from "./awards";
import { purgeExpiredLti } from "./purge";
import { translatorFor } from "@/lib/i18n/translator";
import { ACHIEVEMENT_PARAMETER } from "./claims";
import { LAUNCH_ERRORS } from "./errors";
import { deepLinkingResponse } from "./deep-linking";
import { loadLaunch } from "./launch-context";
import { forgetPlatformKeys } from "./platform-http";
import { registerPlatform, toolJwks } from "./platforms";
import { platformInputSchema } from "./schemas";
import { instructorView, learnerView } from "./tool-view";

// Everything against a real LTI 1.3 platform on loopback (its own keys, JWKS, token endpoint and
// services) and the real database; the route handlers are called as Next.js calls them.

type RouteModule = Record<string, unknown>;
type Handler = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const handler = (module: RouteModule, method: string) => module[method] as Handler;

let platform: LtiTestPlatform;
let org: { id: string; slug: string };
let achievementId: string;
let instructor: PlatformUser;
let learner: PlatformUser;

beforeAll(async () => {
  await ensureDb();
  platform = await startLtiPlatform();
  process.env.LTI_ALLOWED_HOSTS = new URL(platform.origin).host;
  reloadEnv();
  const owner = await createUser();
  org = await createOrgWith([{ userId: owner.id, role: "owner" }], "LTI Academy");
  await db.organization.update({ where: { id: org.id }, data: { plan: "business", subscriptionStatus: "active" } });
  const achievement = await createAchievement(org.id, parseInput(achievementInputSchema, { name: "Cell Biologist", description: "Knows cells.", criteria: { narrative: "At least 80% in the final exam." } }));
  achievementId = achievement.id;
  await registerPlatform(org.id, parseInput(platformInputSchema, platform.registration()));
  platform.setToolJwks(async () => (await toolJwks(org.id)) as never);
  instructor = platform.addUser({ sub: "teacher-1", name: "Tess Teacher", email: uniqueEmail("teacher"), roles: [ROLES.instructor] });
  learner = platform.addUser({ sub: "learner-1", name: "Lee Learner", email: uniqueEmail("lee"), roles: [ROLES.learner] });
});

afterAll(async () => {
  delete process.env.LTI_ALLOWED_HOSTS;
  reloadEnv();
  await platform?.close();
});

const base = () => env().BASE_URL;
const launchUrl = () => `${base()}/lti/${org.id}/launch`;

async function login(query: URLSearchParams, method: "GET" | "POST" = "GET"): Promise<Response> {
  const path = `${base()}/lti/${org.id}/login`;
  const request =
    method === "GET"
      ? new Request(`${path}?${query}`)
      : new Request(path, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: query.toString() });
  return handler(loginRoute, method)(request, { params: Promise.resolve({ orgId: org.id }) });
}

async function postLaunch(fields: Record<string, string>, route: RouteModule = launchRoute): Promise<Response> {
  const request = new Request(launchUrl(), { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "accept-language": "es" }, body: new URLSearchParams(fields).toString() });
  return handler(route, "POST")(request, { params: Promise.resolve({ orgId: org.id }) });
}

/** The whole flow: the platform starts a login, Laurel redirects to the platform, which posts the id_token back. */
async function loginAndAuthorize(user: PlatformUser, message: PlatformMessage, target = launchUrl()) {
  const started = await login(platform.loginQuery(user, platform.message(message), target));
  expect(started.status).toBe(302);
  const answer = await fetch(started.headers.get("location")!);
  expect(answer.status, await answer.clone().text()).toBe(200);
  return formIn(await answer.text());
}

async function launch(user: PlatformUser, message: PlatformMessage) {
  const form = await loginAndAuthorize(user, message);
  expect(form.action).toBe(launchUrl());
  return { form, response: await postLaunch(form.fields) };
}

const tokenOf = (response: Response) => new URL(response.headers.get("location")!).searchParams.get("launch")!;
const reasonOf = async (response: Response) => /data-lti-error="([a-z0-9_]+)"/.exec(await response.text())?.[1];
const resourceMessage = (id = unique("link"), custom: Record<string, string> = { [ACHIEVEMENT_PARAMETER]: achievementId }): PlatformMessage => ({ type: "LtiResourceLinkRequest", resourceLinkId: id, title: "Cell badge", custom });

describe("OIDC login initiation", () => {
  it("answers with the authentication request to the platform, with a fresh state and nonce", async () => {
    for (const method of ["GET", "POST"] as const) {
      const hint = platform.message(resourceMessage());
      const response = await login(platform.loginQuery(learner, hint, launchUrl()), method);
      expect(response.status).toBe(302);
      const to = new URL(response.headers.get("location")!);
      expect(`${to.origin}${to.pathname}`).toBe(`${platform.origin}/auth`);
      expect(Object.fromEntries(to.searchParams)).toMatchObject({
        scope: "openid", response_type: "id_token", response_mode: "form_post", prompt: "none",
        client_id: platform.clientId, redirect_uri: launchUrl(), login_hint: learner.sub, lti_message_hint: hint,
      });
      expect(to.searchParams.get("state")!.length).toBeGreaterThanOrEqual(40);
      expect(to.searchParams.get("nonce")!.length).toBeGreaterThanOrEqual(30);
      // Only the state's hash is kept.
      expect(await db.ltiLoginState.count({ where: { stateHash: to.searchParams.get("state")! } })).toBe(0);
    }
  });

  it("refuses a login from an unknown issuer, client or deployment, or towards another site, with a page and 400", async () => {
    const good = platform.loginQuery(learner, platform.message(resourceMessage()), launchUrl());
    const cases: Array<[Record<string, string>, string]> = [
      [{ iss: "https://elsewhere.example" }, "unknown_platform"],
      [{ client_id: "someone-else" }, "unknown_client"],
      [{ lti_deployment_id: "deployment-unknown" }, "unknown_deployment"],
      [{ target_link_uri: "https://evil.example/phish" }, "bad_target"],
      [{ login_hint: "" }, "missing_parameters"],
    ];
    for (const [change, reason] of cases) {
      const query = new URLSearchParams(good);
      for (const [name, value] of Object.entries(change)) query.set(name, value);
      const response = await login(query);
      expect(response.status, reason).toBe(400);
      expect(response.headers.get("content-type")).toContain("text/html");
      expect(await reasonOf(response)).toBe(reason);
    }
  });
});

describe("launch", () => {
  it("verifies a learner's launch and opens the tool page with a launch token", async () => {
    const linkId = unique("link");
    const { response } = await launch(learner, resourceMessage(linkId));
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get("location")!);
    expect(location.pathname).toBe("/lti/tool");
    const ctx = await loadLaunch(tokenOf(response));
    expect(ctx).not.toBeNull();
    expect(ctx!.instructor).toBe(false);
    expect(ctx!.launch).toMatchObject({ userId: learner.sub, email: learner.email, name: learner.name, messageType: "LtiResourceLinkRequest", deploymentId: platform.deploymentId });
    expect(ctx!.resourceLink).toMatchObject({ achievementId, agsLineitemsUrl: `${platform.origin}/lineitems`, nrpsMembershipsUrl: `${platform.origin}/memberships`, contextTitle: platform.course.title });
    // A token that was tampered with names nothing.
    expect(await loadLaunch(`${tokenOf(response)}x`)).toBeNull();
  });

  it("refuses an id_token signed by another key (forged)", async () => {
    platform.tweaks.signWith = await platform.foreignKey();
    try {
      const { response } = await launch(learner, resourceMessage());
      expect(response.status).toBe(401);
      expect(await reasonOf(response)).toBe("signature_invalid");
    } finally {
      platform.tweaks.signWith = null;
    }
  });

  it("refuses a replayed launch: the same state twice, and a used nonce with a new state", async () => {
    const message = resourceMessage();
    const { form, response } = await launch(learner, message);
    expect(response.status).toBe(303);
    const replay = await postLaunch(form.fields);
    expect(replay.status).toBe(401);
    expect(await reasonOf(replay)).toBe("state_invalid");

    // A fresh login, answered with an id_token that reuses the first launch's nonce.
    const usedNonce = decodeJwt(form.fields.id_token).nonce as string;
    const fresh = await loginAndAuthorize(learner, message);
    const replayedNonce = await platform.signIdToken(platform.idTokenClaims(learner, message, usedNonce));
    const refused = await postLaunch({ id_token: replayedNonce, state: fresh.fields.state });
    expect(refused.status).toBe(401);
    expect(await reasonOf(refused)).toBe("nonce_replayed");
  });

  it("refuses an id_token whose nonce is not the one sent with its state", async () => {
    const message = resourceMessage();
    const fresh = await loginAndAuthorize(learner, message);
    const other = await platform.signIdToken(platform.idTokenClaims(learner, message, `nonce-${unique("n")}`));
    const response = await postLaunch({ id_token: other, state: fresh.fields.state });
    expect(response.status).toBe(401);
    expect(await reasonOf(response)).toBe("nonce_mismatch");
  });

  it("refuses an unknown deployment, a wrong audience, an expired token and a missing state, each with its reason", async () => {
    const now = Math.floor(Date.now() / 1000);
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ "https://purl.imsglobal.org/spec/lti/claim/deployment_id": "deployment-unknown" }, 400, "unknown_deployment"],
      [{ aud: "another-client" }, 401, "wrong_audience"],
      [{ iat: now - 3600, exp: now - 1800 }, 401, "token_expired"],
      [{ "https://purl.imsglobal.org/spec/lti/claim/version": "1.1" }, 400, "not_lti_13"],
      [{ "https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiSubmissionReviewRequest" }, 400, "unsupported_message"],
    ];
    for (const [claims, status, reason] of cases) {
      platform.tweaks.claims = claims;
      try {
        const { response } = await launch(learner, resourceMessage());
        expect(response.status, reason).toBe(status);
        expect(await reasonOf(response), reason).toBe(reason);
      } finally {
        platform.tweaks.claims = {};
      }
    }
    const noState = await postLaunch({ id_token: "x.y.z" });
    expect(noState.status).toBe(400);
    const unknownState = await postLaunch({ id_token: "x.y.z", state: "never-sent" });
    expect(unknownState.status).toBe(401);
    expect(await reasonOf(unknownState)).toBe("state_invalid");
  });

  it("shows the refusal in the person's language, for every reason", async () => {
    const response = await postLaunch({ id_token: "x.y.z", state: "never-sent" });
    const html = await response.text();
    expect(html).toContain('lang="es"');
    expect(html).not.toContain("lti.errors");
    for (const locale of ["en", "es"]) {
      const { t } = translatorFor(locale);
      for (const reason of Object.keys(LAUNCH_ERRORS)) expect(t(`lti.errors.reasons.${reason}` as never), `${locale} ${reason}`).not.toContain("lti.errors");
    }
  });

  it("refuses an id_token issued too long ago, even before its exp", async () => {
    const now = Math.floor(Date.now() / 1000);
    platform.tweaks.claims = { iat: now - 20 * 60, exp: now + 20 * 60 };
    try {
      const { response } = await launch(learner, resourceMessage());
      expect(response.status).toBe(401);
      expect(await reasonOf(response)).toBe("token_expired");
    } finally {
      platform.tweaks.claims = {};
    }
  });

  it("refuses launches once the organization's plan has no LTI", async () => {
    const owner = await createUser();
    const poor = await createOrgWith([{ userId: owner.id, role: "owner" }], "Free Academy");
    await db.organization.update({ where: { id: poor.id }, data: { plan: "free", createdAt: new Date(Date.now() - 60 * 86_400_000), stripeSubscriptionId: null } });
    const other = await startLtiPlatform();
    process.env.LTI_ALLOWED_HOSTS = [new URL(platform.origin).host, new URL(other.origin).host].join(",");
    reloadEnv();
    try {
      await registerPlatform(poor.id, parseInput(platformInputSchema, other.registration()));
      const user = other.addUser({ sub: "s1", name: "S", roles: [ROLES.learner] });
      const started = await handler(loginRoute, "GET")(new Request(`${base()}/lti/${poor.id}/login?${other.loginQuery(user, other.message(resourceMessage()), `${base()}/lti/${poor.id}/launch`)}`), { params: Promise.resolve({ orgId: poor.id }) });
      const form = formIn(await (await fetch(started.headers.get("location")!)).text());
      const response = await handler(launchRoute, "POST")(
        new Request(form.action, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form.fields).toString() }),
        { params: Promise.resolve({ orgId: poor.id }) },
      );
      expect(response.status).toBe(402);
      expect(await reasonOf(response)).toBe("plan");
    } finally {
      await other.close();
      process.env.LTI_ALLOWED_HOSTS = new URL(platform.origin).host;
      reloadEnv();
    }
  });
});

describe("deep linking", () => {
  it("answers an instructor's pick with a signed LtiDeepLinkingResponse that carries the achievement", async () => {
    const form = await loginAndAuthorize(instructor, { type: "LtiDeepLinkingRequest", data: "opaque-platform-data" }, `${base()}/lti/${org.id}/deep-link`);
    // A platform posting to the deep-link URL is served as one posting to the launch URL.
    const response = await postLaunch(form.fields, deepLinkRoute);
    expect(response.status).toBe(303);
    expect(new URL(response.headers.get("location")!).pathname).toBe("/lti/pick");
    const ctx = await loadLaunch(tokenOf(response));
    expect(ctx!.instructor).toBe(true);

    const { returnUrl, jwt } = await deepLinkingResponse(ctx!, achievementId);
    expect(returnUrl).toBe(`${platform.origin}/deep-link-return`);
    const keys = createLocalJWKSet((await toolJwks(org.id)) as never);
    const { payload, protectedHeader } = await jwtVerify(jwt, keys, { issuer: platform.clientId, audience: platform.issuer, algorithms: ["RS256"] });
    expect(protectedHeader.kid).toBeTruthy();
    expect(payload["https://purl.imsglobal.org/spec/lti/claim/message_type"]).toBe("LtiDeepLinkingResponse");
    expect(payload["https://purl.imsglobal.org/spec/lti/claim/version"]).toBe("1.3.0");
    expect(payload["https://purl.imsglobal.org/spec/lti/claim/deployment_id"]).toBe(platform.deploymentId);
    expect(payload["https://purl.imsglobal.org/spec/lti-dl/claim/data"]).toBe("opaque-platform-data");
    expect(payload.nonce).toBeTruthy();
    expect(payload["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"]).toEqual([
      expect.objectContaining({ type: "ltiResourceLink", title: "Cell Biologist", url: launchUrl(), custom: { [ACHIEVEMENT_PARAMETER]: achievementId } }),
    ]);

    // The platform itself accepts it (it verifies against the tool's JWKS).
    const placed = await fetch(returnUrl, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ JWT: jwt }) });
    expect(placed.status).toBe(200);
    expect(platform.seen.deepLinks.length).toBeGreaterThan(0);
  });

  it("places only the organization's own achievements", async () => {
    const form = await loginAndAuthorize(instructor, { type: "LtiDeepLinkingRequest" });
    const ctx = await loadLaunch(tokenOf(await postLaunch(form.fields)));
    const otherOwner = await createUser();
    const otherOrg = await createOrgWith([{ userId: otherOwner.id, role: "owner" }], "Other Academy");
    const foreign = await createAchievement(otherOrg.id, parseInput(achievementInputSchema, { name: "Not yours", description: "x", criteria: { narrative: "y" } }));
    await expect(deepLinkingResponse(ctx!, foreign.id)).rejects.toMatchObject({ fields: { achievementId: { code: "unknown_achievement" } } });
  });
});

describe("awarding from grades", () => {
  it("awards the badge through the program to learners at 80% or more, not below, and never twice", async () => {
    const people = {
      ada: { user_id: unique("ada"), name: "Ada", email: uniqueEmail("ada"), roles: [ROLES.learner] },
      ben: { user_id: unique("ben"), name: "Ben", email: uniqueEmail("ben"), roles: [ROLES.learner] },
      cy: { user_id: unique("cy"), name: "Cy", email: uniqueEmail("cy"), roles: [ROLES.learner] },
      dot: { user_id: unique("dot"), name: "Dot", email: uniqueEmail("dot"), roles: [ROLES.learner] },
      tess: { user_id: instructor.sub, name: instructor.name, email: instructor.email, roles: [ROLES.instructor] },
    };
    platform.course.members = Object.values(people);
    platform.course.lineItems = [
      { id: platform.lineItemUrl(1), label: "Final exam", scoreMaximum: 100 },
      { id: platform.lineItemUrl(2), label: "Quiz 1", scoreMaximum: 10 },
    ];
    platform.setResults(platform.lineItemUrl(1), [
      { userId: people.ada.user_id, resultScore: 92, resultMaximum: 100 },
      { userId: people.ben.user_id, resultScore: 40, resultMaximum: 50 },
      { userId: people.cy.user_id, resultScore: 79.5, resultMaximum: 100 },
    ]);

    const linkId = unique("link");
    const ctx = await loadLaunch(tokenOf((await launch(instructor, resourceMessage(linkId))).response));
    expect(ctx!.instructor).toBe(true);
    const before = await instructorView(ctx!);
    expect(before.lineItems?.map((item) => item.label)).toEqual(["Final exam", "Quiz 1"]);
    expect(before.achievement?.name).toBe("Cell Biologist");

    // A line item of another course (another origin or path) is refused by field.
    await expect(saveAwardRule(ctx!, { lineItem: "https://elsewhere.example/lineitems/1", minPercent: 80 })).rejects.toMatchObject({ fields: { lineItem: { code: "lti_line_item_unknown" } } });
    const { ruleId } = await saveAwardRule(ctx!, { lineItem: platform.lineItemUrl(1), minPercent: 80, lineItemLabel: "Final exam" });
    const rule = await db.ltiAwardRule.findUniqueOrThrow({ where: { id: ruleId } });
    // The engine's own records: a members-only program with a `latest` metric and a target rule at 80.
    const program = await db.program.findUniqueOrThrow({ where: { id: rule.programId }, include: { metrics: true, rules: { where: { deletedAt: null } } } });
    expect(program.visibility).toBe("members");
    expect(program.metrics).toEqual([expect.objectContaining({ key: rule.metric, aggregate: "latest" })]);
    expect(program.rules).toEqual([expect.objectContaining({ kind: "target", metric: rule.metric, atLeast: 80, achievementId })]);

    const holders = async () =>
      (await db.credential.findMany({ where: { organizationId: org.id, achievementId, revokedAt: null, recipientEmail: { in: Object.values(people).map((p) => p.email!) } }, select: { recipientEmail: true } }))
        .map((c) => c.recipientEmail)
        .sort();

    const first = await syncAwardRule(ruleId);
    expect(first).toMatchObject({ learners: 4, scored: 3, eventsSent: 3, awarded: 2 });
    expect(await holders()).toEqual([people.ada.email, people.ben.email].sort());
    expect(await db.programEvent.count({ where: { programId: rule.programId } })).toBe(3);
    // The roster read every page of the paged membership (page size 2) and the token endpoint accepted the tool's assertion.
    expect(platform.seen.serviceCalls.filter((call) => call.startsWith("GET /memberships")).length).toBeGreaterThanOrEqual(3);
    expect(platform.seen.tokenRequests.every((request) => request.ok)).toBe(true);

    const view = await instructorView(ctx!);
    expect(Object.fromEntries(view.roster.map((row) => [row.name, [row.percent, row.status]]))).toEqual({ Ada: [92, "awarded"], Ben: [80, "awarded"], Cy: [79.5, "below"], Dot: [null, "no_score"] });

    // Again, nothing changed: no event, no second credential.
    const again = await syncAwardRule(ruleId);
    expect(again).toMatchObject({ eventsSent: 0, awarded: 0 });
    expect(await holders()).toEqual([people.ada.email, people.ben.email].sort());
    expect(await db.programEvent.count({ where: { programId: rule.programId } })).toBe(3);

    // Cy's grade is raised: one more event, one more credential; Ada and Ben still hold one each.
    platform.setResults(platform.lineItemUrl(1), [
      { userId: people.ada.user_id, resultScore: 95, resultMaximum: 100 },
      { userId: people.ben.user_id, resultScore: 40, resultMaximum: 50 },
      { userId: people.cy.user_id, resultScore: 85, resultMaximum: 100 },
    ]);
    const raised = await syncAwardRule(ruleId);
    expect(raised).toMatchObject({ eventsSent: 2, awarded: 1 });
    const emails = await holders();
    expect(emails).toEqual([people.ada.email, people.ben.email, people.cy.email].sort());
    expect(new Set(emails).size).toBe(emails.length);

    // A learner launching sees the badge, their progress and, once awarded, the claim link.
    const adaUser = platform.addUser({ sub: people.ada.user_id, name: "Ada", email: people.ada.email, roles: [ROLES.learner] });
    const adaView = await learnerView((await loadLaunch(tokenOf((await launch(adaUser, resourceMessage(linkId))).response)))!);
    expect(adaView).toMatchObject({ rule: { minPercent: 80, lineItemLabel: "Final exam" }, percent: 95, emailMissing: false });
    expect(adaView.credential?.claimUrl).toContain(`/backpack/claim/${adaView.credential?.id}?t=`);
    const dotUser = platform.addUser({ sub: people.dot.user_id, name: "Dot", email: people.dot.email, roles: [ROLES.learner] });
    platform.setResults(platform.lineItemUrl(1), [...platform.course.results.get(platform.lineItemUrl(1))!, { userId: people.dot.user_id, resultScore: 50, resultMaximum: 100 }]);
    // Dot's launch reads Dot's own result at once (AGS results filtered by user_id).
    const dotView = await learnerView((await loadLaunch(tokenOf((await launch(dotUser, resourceMessage(linkId))).response)))!);
    expect(dotView).toMatchObject({ percent: 50, credential: null });
    expect(platform.seen.serviceCalls.some((call) => call.includes(`user_id=${encodeURIComponent(people.dot.user_id)}`))).toBe(true);
  });
});

describe("the tool page's door", () => {
  it("lets only the course's instructors act, with a launch token of the right kind", async () => {
    const { saveAwardRuleAction, pickAchievementAction } = await import("@/app/(main)/lti/actions");
    const form = (fields: Record<string, string>) => {
      const data = new FormData();
      for (const [name, value] of Object.entries(fields)) data.set(name, value);
      return data;
    };
    const rule = { lineItem: platform.lineItemUrl(1), minPercent: "80" };
    const learnerToken = tokenOf((await launch(learner, resourceMessage())).response);
    expect(await saveAwardRuleAction(null, form({ ...rule, launch: learnerToken }))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await saveAwardRuleAction(null, form({ ...rule, launch: `${learnerToken}x` }))).toMatchObject({ ok: false, code: "unauthorized" });
    expect(await saveAwardRuleAction(null, form(rule))).toMatchObject({ ok: false, code: "unauthorized" });
    // A resource link's token does not open the deep-linking picker's action.
    const instructorToken = tokenOf((await launch(instructor, resourceMessage())).response);
    expect(await pickAchievementAction(null, form({ achievementId, launch: instructorToken }))).toMatchObject({ ok: false, code: "unauthorized" });
  });
});

describe("background work", () => {
  it("syncs the award rules not synced within the hour, and drops expired login states, nonces and launches", async () => {
    platform.course.lineItems = [{ id: platform.lineItemUrl(3), label: "Lab report", scoreMaximum: 10 }];
    platform.setResults(platform.lineItemUrl(3), []);
    const ctx = await loadLaunch(tokenOf((await launch(instructor, resourceMessage())).response));
    const { ruleId } = await saveAwardRule(ctx!, { lineItem: platform.lineItemUrl(3), minPercent: 50, lineItemLabel: "Lab report" });
    // Other files' rules may be due too (this database is shared); this one must be synced.
    await syncDueAwardRules(new Date(Date.now() + 2 * 60 * 60 * 1000), 500);
    const synced = await db.ltiAwardRule.findUniqueOrThrow({ where: { id: ruleId } });
    expect(synced.lastSyncedAt).not.toBeNull();
    expect(synced.lastSyncError).toBeNull();

    // Rows whose time is up go; the rest stay.
    const past = new Date(Date.now() - 60_000);
    const expired = await db.ltiLaunch.create({ data: { organizationId: org.id, platformId: ctx!.platform.id, messageType: "LtiResourceLinkRequest", deploymentId: "deployment-1", userId: "gone", roles: [], expiresAt: past } });
    await db.ltiNonce.create({ data: { platformId: ctx!.platform.id, nonce: unique("old-nonce"), expiresAt: past } });
    const purged = await purgeExpiredLti();
    expect(purged.launches).toBeGreaterThanOrEqual(1);
    expect(purged.nonces).toBeGreaterThanOrEqual(1);
    expect(await db.ltiLaunch.findUnique({ where: { id: expired.id } })).toBeNull();
    expect(await loadLaunch(tokenOf((await launch(learner, resourceMessage())).response))).not.toBeNull();
  });
});

describe("the REST API and the public documents", () => {
  async function call(method: "GET" | "POST", key: string, body?: unknown) {
    const request = new Request(`${base()}/api/v1/lti/platforms`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const response = await handler(platformsRoute, method)(request, { params: Promise.resolve({}) });
    return { status: response.status, json: await response.json() };
  }

  it("registers and lists platforms, answering the tool's URLs; bad input is refused by field", async () => {
    const owner = await createUser();
    const apiOrg = await createOrgWith([{ userId: owner.id, role: "owner" }], "API LTI Academy");
    await db.organization.update({ where: { id: apiOrg.id }, data: { plan: "pro", subscriptionStatus: "active" } });
    const key = (await createApiKey(apiOrg.id, { name: "lti", scopes: ["lti:write"] })).plaintext;
    const created = await call("POST", key, platform.registration());
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect(created.json).toMatchObject({
      loginUrl: `${base()}/lti/${apiOrg.id}/login`,
      launchUrl: `${base()}/lti/${apiOrg.id}/launch`,
      deepLinkUrl: `${base()}/lti/${apiOrg.id}/deep-link`,
      jwksUrl: `${base()}/lti/${apiOrg.id}/jwks.json`,
      configUrl: `${base()}/lti/${apiOrg.id}/config.json`,
      platform: platform.registration(),
    });
    const listed = await call("GET", key);
    expect(listed.status).toBe(200);
    expect(listed.json.data.map((p: { id: string }) => p.id)).toEqual([id]);

    const again = await call("POST", key, platform.registration());
    expect(again.status).toBe(422);
    expect(again.json.error.details.clientId.code).toBe("lti_platform_exists");

    const bad = await call("POST", key, { ...platform.registration(), issuer: "not a url", tokenUrl: "http://lms.example.com/token", jwksUrl: "https://10.0.0.5/jwks", deploymentIds: [] });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.json.error.details).sort()).toEqual(["deploymentIds", "issuer"]);
    const insecure = await call("POST", key, { ...platform.registration(), clientId: "other", tokenUrl: "http://lms.example.com/token" });
    expect(insecure.json.error.details.tokenUrl.code).toBe("lti_https_only");
    const internal = await call("POST", key, { ...platform.registration(), clientId: "other", jwksUrl: "https://10.0.0.5/jwks" });
    expect(internal.json.error.details.jwksUrl.code).toBe("lti_address_not_public");
    const stranger = await call("POST", key, { ...platform.registration(), clientId: "other", extra: true });
    expect(stranger.status).toBe(422);

    const readOnly = (await createApiKey(apiOrg.id, { name: "read", scopes: ["lti:read"] })).plaintext;
    expect((await call("POST", readOnly, { ...platform.registration(), clientId: "third" })).status).toBe(403);
    expect((await call("GET", readOnly)).status).toBe(200);
  });

  it("publishes the organization's tool JWKS and configuration", async () => {
    const get = (module: RouteModule, id: string) => handler(module, "GET")(new Request(`${base()}/lti/${id}/x`), { params: Promise.resolve({ orgId: id }) });
    const jwks = await get(jwksRoute, org.id);
    expect(jwks.status).toBe(200);
    const set = (await jwks.json()) as { keys: Array<Record<string, string>> };
    expect(set.keys).toEqual([expect.objectContaining({ kty: "RSA", alg: "RS256", use: "sig", kid: expect.any(String), n: expect.any(String), e: "AQAB" })]);
    expect(JSON.stringify(set)).not.toMatch(/"d"|"p"|"q"/);
    const config = await (await get(configRoute, org.id)).json();
    expect(config).toMatchObject({
      oidc_initiation_url: `${base()}/lti/${org.id}/login`,
      target_link_uri: launchUrl(),
      public_jwk_url: `${base()}/lti/${org.id}/jwks.json`,
      scopes: expect.arrayContaining(["https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly", "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"]),
    });
    expect((await get(jwksRoute, "cmissing00000000000000000")).status).toBe(404);
  });
});

// Keep the cached JWKS from one platform's keys out of another test file's way.
afterAll(() => forgetPlatformKeys());
