import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { unzipSync } from "fflate";
import { describe, expect, it, vi } from "vitest";
import { createApiKey, revokeApiKey } from "@/lib/api/keys";
import { linkSignature } from "@/lib/email/engagement/tokens";
import { API_SCOPES, hasScope } from "@/lib/api/scopes";
import { hashToken } from "@/lib/auth/tokens";
import { ALL_OB_SCOPES } from "@/lib/ob-api/scopes";
import { hasRole, type Role } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { env, reloadEnv } from "@/lib/env";
import { saveEmailSender } from "@/lib/email/sender/sender";
import { addDomain } from "@/lib/sso/domains";
import { exampleIdpMetadata } from "@/lib/sso/example-metadata";
import { encryptAtRest } from "@/lib/ob/keys";
import { signLaunchToken } from "@/lib/lti/launch-token";
import { startTestDnsServer } from "@/lib/test/dns-server";
import { parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { achievementInputSchema, issueCredentialSchema } from "@/lib/issuing/schemas";
import { createOrgWith, createUser, unique, uniqueEmail } from "@/lib/test/factories";

/**
 * The cross-tenant and role matrix. Every `route.ts` and `actions.ts` under app/ is found on disk
 * (a new one is covered, or fails this test, without editing it), every exported handler and
 * server action is called as each of the actors below against organization A's data, and the
 * answer must leak nothing: no 2xx on A's private things, none of A's private strings in the
 * body, no change to A's rows, and the same answer as for a thing that does not exist.
 *
 * What a route addresses is read from its folder: the class (dashboard, API, learner, public
 * document) from its first segments, its targets from the names of its [params].
 */

// --- The request outside Next.js: who is signed in, what headers() says, what the guards asked for.

type SessionUserRow = { id: string; name: string | null; email: string; handle: string | null; locale: string | null; emailVerified: Date | null };
const harness = vi.hoisted(() => ({
  userId: null as string | null,
  headers: {} as Record<string, string>,
  /** The roles the org doors asked for during the current call. */
  requiredRoles: [] as string[],
  /** Org doors that let the caller through during the current call. */
  doorsPassed: 0,
  /** Work handed to after(); awaited before comparing rows. */
  pending: [] as Promise<unknown>[],
}));

vi.mock("@/lib/auth/session", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/auth/session")>();
  const { db } = await import("@/lib/db");
  const { redirect } = await import("next/navigation");
  // As the real one: re-read from the database, so a deleted account is signed out.
  const getSessionUser = async (): Promise<SessionUserRow | null> =>
    harness.userId
      ? db.user.findUnique({ where: { id: harness.userId }, select: { id: true, name: true, email: true, handle: true, locale: true, emailVerified: true } })
      : null;
  const requireUser = async (returnTo: string) => {
    const user = await getSessionUser();
    if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
    return user;
  };
  return { ...original, getSessionUser, requireUser };
});

vi.mock("@/lib/auth/org-access", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/auth/org-access")>();
  return {
    ...original,
    resolveOrgAccess: (userId: string, slug: string, required: Role) => {
      harness.requiredRoles.push(required);
      return original.resolveOrgAccess(userId, slug, required).then((access) => {
        harness.doorsPassed++;
        return access;
      });
    },
  };
});

vi.mock("next/headers", () => ({
  headers: async () => new Headers(harness.headers),
  cookies: async () => {
    const jar = new Map<string, string>();
    return {
      get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      has: (name: string) => jar.has(name),
      set: (name: string, value: string) => void jar.set(name, value),
      delete: (name: string) => void jar.delete(name),
    };
  },
  draftMode: async () => ({ isEnabled: false }),
}));

vi.mock("next/cache", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/cache")>()),
  revalidatePath: () => {},
  revalidateTag: () => {},
  updateTag: () => {},
  refresh: () => {},
}));

vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (task: Promise<unknown> | (() => unknown)) => {
    harness.pending.push(Promise.resolve(typeof task === "function" ? task() : task).catch(() => undefined));
  },
}));

vi.mock("next-intl/server", () => ({
  getTranslations: async () => Object.assign((key: string) => key, { rich: (key: string) => key, markup: (key: string) => key, raw: (key: string) => key, has: () => true }),
  getFormatter: async () => ({ dateTime: (date: Date) => date.toISOString().slice(0, 10), number: (n: number) => String(n), relativeTime: () => "" }),
  getLocale: async () => "en",
  getMessages: async () => ({}),
  getNow: async () => new Date(),
  getTimeZone: async () => "UTC",
  setRequestLocale: () => {},
  getRequestConfig: (factory: unknown) => factory,
}));

const { flushCredentialEvents } = await import("@/lib/analytics/events");

// --- Enumeration.

const APP_DIR = fileURLToPath(new URL("../../app", import.meta.url));
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

function findAppFiles(dir: string, names: string[]): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return findAppFiles(path, names);
    return names.includes(entry.name) ? [path] : [];
  });
}

/** "app/(main)/c/[id]/badge.png/route.ts" → ["c", "[id]", "badge.png"]: route groups do not reach the URL. */
function urlSegments(file: string): string[] {
  return relative(APP_DIR, file)
    .split(sep)
    .slice(0, -1)
    .filter((segment) => !(segment.startsWith("(") && segment.endsWith(")")));
}

/**
 * Who a route is for, by its folder. "org": an organization's members (dashboard, /api/orgs);
 * "api": API keys; "learner": the signed-in learner's own things; "public": documents anyone may
 * fetch, private only when a param names a private thing; "webhook": signed by Stripe.
 */
type RouteClass = "org" | "api" | "learner" | "public" | "webhook" | "signup" | "self" | "invitation" | "program" | "wallet" | "lti";

function classify(segments: string[]): RouteClass | null {
  const path = segments.join("/");
  if (segments[0] === "dashboard" && segments[1] === "[org]") return "org";
  if (path === "dashboard/new") return "self"; // creating one's own organization
  if (path.startsWith("api/orgs/[org]")) return "org";
  if (path === "api/v1/openapi.json") return "public"; // the API's description, the same for everyone
  // The public verifier: no key, no session, reads only what it is given. Its page's form is
  // anyone's, signed in or not, like the sign-up forms.
  if (path === "api/v1/verify") return "public";
  if (segments[0] === "verify") return "signup";
  // The Open Badges 3.0 API: its discovery document and the OAuth endpoints are anyone's (a
  // client proves itself with what it sends); the resource server is the learner's, through a
  // token they granted; the consent page's decision is the signed-in learner's.
  if (path === "ims/ob/v3p0/discovery" || (segments[0] === "oauth" && path !== "oauth/authorize/decision")) return "public";
  if (segments[0] === "ims") return "wallet";
  if (path === "oauth/authorize/decision") return "learner";
  if (segments[0] === "api" && segments[1] === "v1") return "api";
  if (segments[0] === "backpack" || segments[0] === "account") return "learner";
  if (path === "api/stripe/webhook") return "webhook";
  if (["forgot-password", "sign-up", "sign-in"].includes(path)) return "signup";
  if (path === "invite/[token]") return "invitation";
  // A program's page and its buttons (join, the leaderboard switch): they name the program,
  // which in this world is A's members-only one.
  if (segments[0] === "p") return "program";
  // Public documents (.well-known/jwks.json: every issuer's published keys); what they answer
  // depends on what their params name.
  if (["c", "b", "o", "u", "s", ".well-known"].includes(segments[0])) return "public";
  if (segments[0] === "api" && segments[1] === "ob") return "public";
  // Engagement emails' links: a signed link or token is the only key; no session is read.
  if (segments[0] === "email") return "public";
  // Single sign-on's public side: where sign-ins start, the IdPs' answers, the SP metadata.
  if (segments[0] === "sso") return "public";
  // LTI: the tool's keys and configuration are public documents; the login and launch endpoints
  // are the platform's (an id_token it signed is the only key), and the tool page's actions are
  // the launched instructor's (the launch token the form carries is the only key; no session).
  if (segments[0] === "lti") return ["jwks.json", "config.json"].includes(segments[2]) ? "public" : "lti";
  return null;
}

/**
 * Routes that cannot run in-process, with the reason the test prints. Kept short: anything else
 * must be callable here.
 */
const SKIPPED: Record<string, string> = {
  "api/auth/[...nextauth]":
    "next-auth's own handler (sign-in, callbacks, CSRF): it needs Next's request internals; its doors are tested in lib/auth/options.test.ts and the browser sign-in tests",
};

/**
 * Private GET routes whose rightful caller is refused too, by design, with the reason. Every
 * other private GET route must answer its rightful caller, so a wrong fixture cannot make the
 * refusals above meaningless.
 */
const NO_CONTROL: Record<string, string> = {
  "u/[handle]/photo (a hidden profile)":
    "a hidden profile answers 404 to everyone, its owner included: the public profile routes do not read the session (the owner sees it in their settings)",
  "u/[handle]/opengraph-image (a hidden profile)": "as above: a hidden profile has no card, whoever asks",
  "p/[id]/opengraph-image": "share cards are for public programs: a members-only one has no card, whoever asks (its members see its page)",
  "u/[handle]/badges/[entryId]/image":
    "the public profile's copy of an imported badge: a private entry is not on the profile, so even its learner gets 404 here (their own copy, backpack/[entryId]/image, is controlled)",
};

// --- Actors.

type ActorName =
  | "another org's owner"
  | "another org's owner, in their own org"
  | "a viewer of A"
  | "a removed member of A"
  | "a signed-out visitor"
  | "another learner"
  | "A's revoked key"
  | "A's key without the scope"
  | "another org's key"
  | "A's owner (control)"
  | "the learner (control)"
  | "A's key (control)"
  | "another learner's app"
  | "the learner's app (control)";
type Actor = { name: ActorName; userId: string | null; email: string | null; key: ((scope: string | null) => string) | null; ownOrg: boolean };

// --- The world: organization A with everything a route can name, and the people around it.

const PNG_1PX = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";
const missingId = () => `cmissing${randomBytes(8).toString("hex")}`;

async function buildWorld() {
  const mark = (what: string) => `${what} ${randomBytes(6).toString("hex")}`;
  const ownerA = await createUser({ name: mark("Owner of A") });
  const viewer = await createUser({ name: mark("Viewer of A") });
  const issuerMember = await createUser({ name: mark("Issuer of A") });
  const removed = await createUser({ name: mark("Removed from A") });
  const learner = await createUser({ name: mark("Private Learner") });
  const otherOwner = await createUser({ name: "Owner of B" });
  const otherLearner = await createUser({ name: "Another Learner" });
  const stripeCustomer = `cus_${randomBytes(8).toString("hex")}`;

  const orgA = await createOrgWith(
    [
      { userId: ownerA.id, role: "owner" },
      { userId: viewer.id, role: "viewer" },
      { userId: issuerMember.id, role: "issuer" },
      { userId: removed.id, role: "admin" },
    ],
    "Academy A",
  );
  const orgB = await createOrgWith([{ userId: otherOwner.id, role: "owner" }], "Academy B");
  // A's logo: public, like everything on its public pages.
  await db.organization.update({ where: { id: orgA.id }, data: { logo: `data:image/png;base64,${PNG_1PX}` } });
  // Both on a paid plan, so a refusal is about who asks, never about the plan.
  for (const [org, customer] of [[orgA, stripeCustomer], [orgB, `cus_${randomBytes(8).toString("hex")}`]] as const) {
    await db.organization.update({ where: { id: org.id }, data: { plan: "business", subscriptionStatus: "active", stripeCustomerId: customer } });
  }
  await db.membership.delete({ where: { organizationId_userId: { organizationId: orgA.id, userId: removed.id } } });
  const issuerMembership = await db.membership.findUniqueOrThrow({ where: { organizationId_userId: { organizationId: orgA.id, userId: issuerMember.id } } });

  const achievement = await createAchievement(
    orgA.id,
    parseInput(achievementInputSchema, { name: "Safety Lead", description: "Leads on safety.", criteria: { narrative: "Pass the course." } }),
  );
  await db.achievement.update({ where: { id: achievement.id }, data: { certificate: { paperSize: "A4", signers: [] } } });
  const learnerName = mark("Private Learner");
  const credential = await issueCredential(
    orgA.id,
    parseInput(issueCredentialSchema, { achievementId: achievement.id, recipient: { email: learner.email, name: learnerName } }),
    { notify: false },
  );
  const entry = await db.backpackEntry.create({
    data: { userId: learner.id, credentialId: credential.id, state: "accepted", acceptedAt: new Date(), visibility: "private" },
  });
  const importedName = mark("Imported badge");
  const imported = await db.backpackEntry.create({
    data: {
      userId: learner.id,
      state: "accepted",
      acceptedAt: new Date(),
      visibility: "private",
      importFormat: "json",
      importPayload: "{}",
      name: importedName,
      issuerName: mark("Elsewhere"),
      image: `data:image/png;base64,${PNG_1PX}`,
    },
  });
  const handle = unique("learner").toLowerCase();
  await db.user.update({ where: { id: learner.id }, data: { handle, profilePublic: true, photo: `data:image/png;base64,${PNG_1PX}` } });
  const collection = await db.collection.create({
    data: { userId: learner.id, name: mark("Private collection"), visibility: "private", items: { create: [{ entryId: entry.id }] } },
  });
  // A learner who hid their profile: its page, photo, card and badges answer 404 to everyone.
  const hiddenHeadline = mark("Hidden headline");
  const hiddenHandle = unique("hidden").toLowerCase();
  const hidden = await createUser({ name: mark("Hidden Learner") });
  await db.user.update({ where: { id: hidden.id }, data: { handle: hiddenHandle, profilePublic: false, headline: hiddenHeadline, photo: `data:image/png;base64,${PNG_1PX}` } });
  const unverifiedEmail = await db.userEmail.create({ data: { userId: learner.id, email: uniqueEmail("learner-second") } });
  const shareCode = `mx${randomBytes(6).toString("hex")}`;
  await db.shareLink.create({ data: { code: shareCode, credentialId: credential.id, channel: "linkedin" } });
  await db.credentialEvent.create({ data: { organizationId: orgA.id, credentialId: credential.id, type: "claimed", data: { visitor: "v1" } } });

  const bulkEmail = uniqueEmail("bulk-recipient");
  const job = await db.bulkJob.create({
    data: {
      organizationId: orgA.id,
      achievementId: achievement.id,
      fileName: `${mark("roster")}.csv`,
      fileHash: randomBytes(32).toString("hex"),
      status: "completed",
      total: 1,
      done: 1,
      failed: 1,
      rows: { create: [{ rowNumber: 1, data: { email: bulkEmail, name: mark("Bulk Recipient") }, status: "failed", error: "refused" }] },
    },
  });
  // A saved group of A's with one member, whose address only A may see.
  const groupMemberEmail = uniqueEmail("group-member");
  const group = await db.recipientGroup.create({
    data: { organizationId: orgA.id, name: mark("Cohort"), members: { create: [{ email: groupMemberEmail, name: mark("Group Member") }] } },
    include: { members: true },
  });
  const groupMember = group.members[0];
  // A members-only program with a rule, and a processed file of its events with a refused row.
  const program = await db.program.create({
    data: { organizationId: orgA.id, name: mark("Members-only program"), visibility: "members", metrics: { create: [{ key: "courses_completed", label: { en: "Courses" } }] } },
  });
  const ruleAchievement = await createAchievement(orgA.id, parseInput(achievementInputSchema, { name: "Program level", description: "A level.", criteria: { narrative: "Reach it." } }));
  const rule = await db.programRule.create({ data: { organizationId: orgA.id, programId: program.id, achievementId: ruleAchievement.id, kind: "target", metric: "courses_completed", atLeast: 3 } });
  const rejectedEmail = uniqueEmail("events-row");
  const programJob = await db.programJob.create({
    data: {
      organizationId: orgA.id, programId: program.id, kind: "events_csv", status: "completed", total: 1, done: 1, failed: 1,
      options: { fileName: `${mark("events")}.csv`, fileHash: randomBytes(32).toString("hex") },
      report: [{ line: 2, field: "email", code: "invalid_email", message: `learner.email: ${rejectedEmail}` }],
    },
  });
  // A job applying the rule, as the designer starts it (the kitchen-sink form may add another rule).
  const applyJob = await db.programJob.create({ data: { organizationId: orgA.id, programId: program.id, kind: "apply_rule", status: "completed", options: { ruleId: rule.id } } });
  const inviteToken = randomBytes(24).toString("base64url");
  const invitation = await db.invitation.create({
    data: { organizationId: orgA.id, email: uniqueEmail("invitee"), role: "admin", tokenHash: hashToken(inviteToken), invitedById: ownerA.id, expiresAt: new Date(Date.now() + 86_400_000) },
  });
  const statusList = await db.statusList.findFirstOrThrow({ where: { organizationId: orgA.id } });
  const signingKey = await db.signingKey.findFirstOrThrow({ where: { organizationId: orgA.id }, omit: { privateKeyEncrypted: false } });
  // A's own email sender, checked against a DNS server of the test's (it finds nothing there).
  const dns = await startTestDnsServer();
  process.env.DNS_RESOLVER = dns.server;
  reloadEnv();
  const senderReplyTo = uniqueEmail("sender-reply");
  await saveEmailSender(orgA.id, { fromAddress: `badges@${unique("matrix")}.example`, replyTo: senderReplyTo });
  const sender = await db.emailSender.findUniqueOrThrow({ where: { organizationId: orgA.id }, omit: { dkimPrivateKeyEncrypted: false } });
  // A domain A is proving, whose name only A may see.
  const domain = await addDomain(orgA.id, { domain: `${unique("matrix-domain")}.example` });
  // A's single sign-on (OpenID Connect): its client id is A's, its secret only the server's.
  const ssoClientId = mark("A's SSO client");
  const ssoSecret = `secret-${randomBytes(12).toString("hex")}`;
  const ssoSecretEncrypted = encryptAtRest(new TextEncoder().encode(ssoSecret), env().KEY_ENCRYPTION_KEY);
  const ssoConnection = await db.ssoConnection.create({
    data: { organizationId: orgA.id, protocol: "oidc", oidcIssuer: "https://idp.matrix.example", oidcClientId: ssoClientId, oidcClientSecretEncrypted: ssoSecretEncrypted },
  });
  // A learning platform A registered (LTI), a place in a course with A's badge, and two launches
  // from it: an instructor's at that place and an instructor's deep-linking one. Their services
  // live on a loopback address, which the safe fetcher refuses at once (nothing leaves the machine).
  const ltiClientId = mark("A's LTI client");
  const ltiPlatform = await db.ltiPlatform.create({
    data: { organizationId: orgA.id, issuer: "https://lms.matrix.example", clientId: ltiClientId, authorizationUrl: "https://lms.matrix.example/auth", tokenUrl: "https://127.0.0.1/token", jwksUrl: "https://127.0.0.1/jwks", deploymentIds: ["1"] },
  });
  // Another one, which the removal action may take away without ending the launches above.
  const ltiSparePlatform = await db.ltiPlatform.create({
    data: { organizationId: orgA.id, issuer: "https://lms2.matrix.example", clientId: mark("A's other LTI client"), authorizationUrl: "https://lms2.matrix.example/auth", tokenUrl: "https://127.0.0.1/token", jwksUrl: "https://127.0.0.1/jwks", deploymentIds: ["1"] },
  });
  // A badge of its own, which the dashboard's actions (archiving one) leave alone.
  const ltiAchievement = await createAchievement(orgA.id, parseInput(achievementInputSchema, { name: "Course badge", description: "Placed in a course.", criteria: { narrative: "Pass." } }));
  const ltiLink = await db.ltiResourceLink.create({
    data: { organizationId: orgA.id, platformId: ltiPlatform.id, deploymentId: "1", resourceLinkId: mark("link"), contextTitle: mark("A's course"), achievementId: ltiAchievement.id, agsLineitemsUrl: "https://127.0.0.1/lineitems", agsScopes: [], nrpsMembershipsUrl: "https://127.0.0.1/memberships" },
  });
  const launchExpires = new Date(Date.now() + 60 * 60 * 1000);
  const instructorRoles = ["http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"];
  const resourceLaunch = await db.ltiLaunch.create({
    data: { organizationId: orgA.id, platformId: ltiPlatform.id, resourceLinkRowId: ltiLink.id, messageType: "LtiResourceLinkRequest", deploymentId: "1", userId: "teacher", roles: instructorRoles, expiresAt: launchExpires },
  });
  const deepLinkLaunch = await db.ltiLaunch.create({
    data: { organizationId: orgA.id, platformId: ltiPlatform.id, messageType: "LtiDeepLinkingRequest", deploymentId: "1", userId: "teacher", roles: instructorRoles, deepLinkReturnUrl: "https://lms.matrix.example/return", expiresAt: launchExpires },
  });
  const ltiTokens = { resource: await signLaunchToken(resourceLaunch.id, launchExpires), deepLinking: await signLaunchToken(deepLinkLaunch.id, launchExpires) };

  // API keys: A's with every scope (the control), A's revoked one, and one per scope that holds every other scope.
  const keyName = mark("A's key");
  const goodKey = await createApiKey(orgA.id, { name: keyName, scopes: [...API_SCOPES] });
  const revokedKey = await createApiKey(orgA.id, { name: mark("A's revoked key"), scopes: [...API_SCOPES] });
  await revokeApiKey(orgA.id, revokedKey.id);
  const keysWithout = new Map<string, string>();
  for (const scope of API_SCOPES) {
    const others = API_SCOPES.filter((granted) => !hasScope([granted], scope));
    if (others.length) keysWithout.set(scope, (await createApiKey(orgA.id, { name: `without ${scope}`, scopes: others })).plaintext);
  }
  const otherKey = await createApiKey(orgB.id, { name: "B's key", scopes: [...API_SCOPES] });

  // A learner of A's program, whose address only A may see.
  const programLearnerEmail = uniqueEmail("program-learner");
  await db.programLearner.create({ data: { organizationId: orgA.id, programId: program.id, email: programLearnerEmail, firstActivityAt: new Date(), lastActivityAt: new Date() } });

  // Another learner, holding a credential of B in their own backpack.
  const achievementB = await createAchievement(orgB.id, parseInput(achievementInputSchema, { name: "B badge", description: "x", criteria: { narrative: "y" } }));
  const credentialB = await issueCredential(orgB.id, parseInput(issueCredentialSchema, { achievementId: achievementB.id, recipient: { email: otherLearner.email } }), { notify: false });
  await db.backpackEntry.create({ data: { userId: otherLearner.id, credentialId: credentialB.id, state: "accepted", acceptedAt: new Date() } });

  /** Strings only A's members, the learner or the server may see. */
  const markers: Record<string, string> = {
    "A's owner's email": ownerA.email,
    "A's viewer's email": viewer.email,
    "A's issuer's email": issuerMember.email,
    "the learner's email": learner.email,
    "the learner's name in the private credential": learnerName,
    "the learner's second address": unverifiedEmail.email,
    "the learner's imported badge": importedName,
    "the private collection's name": collection.name,
    "a bulk recipient's email": bulkEmail,
    "the bulk file's name": job.fileName,
    "a saved group's name": group.name,
    "a saved group member's email": groupMemberEmail,
    "A's API key's name": keyName,
    "A's Stripe customer": stripeCustomer,
    "A's encrypted signing key": signingKey.privateKeyEncrypted,
    "A's email sender's reply-to": senderReplyTo,
    "A's email sender's address": sender.fromAddress,
    "A's encrypted DKIM key": sender.dkimPrivateKeyEncrypted,
    "A's domain being verified": domain.domain,
    "A's SSO client id": ssoClientId,
    "A's SSO client secret": ssoSecret,
    "A's encrypted SSO client secret": ssoSecretEncrypted,
    "a hidden profile's headline": hiddenHeadline,
    "the members-only program's name": program.name,
    "a refused event row": rejectedEmail,
    "a program learner's email": programLearnerEmail,
    "A's LTI platform's client id": ltiClientId,
    "A's LTI course": ltiLink.contextTitle!,
  };

  // A webhook endpoint of A's and a delivery in its log: its address and the answer it got are A's.
  const webhookHost = `${randomBytes(6).toString("hex")}.hooks.example.com`;
  const webhook = await db.webhookEndpoint.create({ data: { organizationId: orgA.id, url: `https://${webhookHost}/laurel`, events: ["credential.issued"], secretEncrypted: "sealed" } });
  const webhookEvent = await db.webhookEvent.create({ data: { id: `msg_matrix_${webhook.id}`, organizationId: orgA.id, type: "credential.issued", payload: "{}" } });
  const webhookAnswer = mark("webhook answer");
  const delivery = await db.webhookDelivery.create({ data: { eventId: webhookEvent.id, endpointId: webhook.id, state: "failed", attempts: 1, responseStatus: 500, responseBody: webhookAnswer } });
  markers["A's webhook host"] = webhookHost;
  markers["A's webhook's answer"] = webhookAnswer;

  // Wallets the learner and another learner connected (Open Badges 3.0 API), with every scope.
  const walletClient = await db.oAuthClient.create({
    data: { id: `lc_${randomBytes(16).toString("base64url")}`, name: mark("Wallet"), redirectUris: ["https://wallet.example/cb"], scopes: [...ALL_OB_SCOPES], tokenEndpointAuthMethod: "none" },
  });
  const walletToken = async (userId: string) => {
    const token = randomBytes(32).toString("base64url");
    const grant = await db.oAuthGrant.create({ data: { userId, clientId: walletClient.id, scopes: [...ALL_OB_SCOPES] } });
    await db.oAuthToken.create({ data: { grantId: grant.id, accessTokenHash: hashToken(token), accessTokenExpiresAt: new Date(Date.now() + 86_400_000), scopes: [...ALL_OB_SCOPES] } });
    return { token, grant };
  };
  const learnerWallet = await walletToken(learner.id);
  const otherWallet = await walletToken(otherLearner.id);

  // A reminder A sent the learner: its links work for whoever holds them, and name nothing private.
  const engagementEmail = await db.engagementEmail.create({ data: { organizationId: orgA.id, kind: "claim_reminder", email: learner.email, key: mark("occasion"), status: "sent" } });

  // An issue A scheduled for later: only A's issuers may see or cancel it.
  const scheduledIssue = await db.scheduledIssue.create({
    data: { organizationId: orgA.id, achievementId: achievement.id, kind: "single", sendAt: new Date(Date.now() + 24 * 60 * 60 * 1000), timeZone: "UTC", recipientCount: 1, recipientLabel: mark("scheduled-recipient") },
  });

  return {
    engagementEmail,
    scheduledIssue,
    orgA, orgB, ownerA, viewer, learner, removed, otherOwner, otherLearner, issuerMembership,
    achievement, credential, entry, imported, handle, hiddenHandle, collection, unverifiedEmail, shareCode, job, group, groupMember, domain, invitation, inviteToken,
    statusList, signingKeyId: signingKey.keyId, goodKey, revokedKey, keysWithout, otherKey, markers, program, rule, programJob, applyJob,
    webhook, delivery, learnerWallet, otherWallet, ssoConnection,
    ltiPlatform, ltiSparePlatform, ltiTokens, ltiAchievement,
  };
}
type World = Awaited<ReturnType<typeof buildWorld>>;

// --- What each [param] names, and who may see it. The public ones are public by design, and
// few: what an issuer publishes for verifiers (its profile, keys and status lists, by its id),
// its achievements (badge classes every credential links to, with their versioned images), and
// a learner's profile they made public. Everything else is A's or the learner's: in the
// dashboard, the API and the backpack every param is (see `visibleTo` in the route loop).

type Target = {
  value: (w: World) => string;
  missing: () => string;
  visibleTo: "everyone" | "learner and A" | "learner only" | "A";
  /** Names the variant when a param is tried with more than one thing. */
  label?: string;
  /**
   * The param names a kind, not a record (an event type): every caller gets their own answer for
   * it, so "missing" is the same value and the control cannot tell a real one from a missing one.
   */
  kind?: true;
};

/** Every thing a param is tried with: most name one, a profile handle names a public and a hidden one. */
function targetsOf(segments: string[], index: number): Target[] | null {
  if (segments[index] === "[handle]") {
    return [
      { value: (w) => w.handle, missing: () => unique("nobody"), visibleTo: "everyone", label: "a public profile" },
      { value: (w) => w.hiddenHandle, missing: () => unique("nobody"), visibleTo: "learner only", label: "a hidden profile" },
    ];
  }
  const target = targetOf(segments, index);
  return target ? [target] : null;
}

function targetOf(segments: string[], index: number): Target | null {
  const param = segments[index].slice(1, -1);
  const before = segments[index - 1];
  switch (param) {
    case "org":
      return { value: (w) => w.orgA.slug, missing: () => unique("no-such-org"), visibleTo: "A" };
    case "orgId":
      return { value: (w) => w.orgA.id, missing: missingId, visibleTo: "everyone" };
    case "listId":
      return { value: (w) => w.statusList.id, missing: missingId, visibleTo: "everyone" };
    case "keyId": // A's public key document (never its private half, which the markers watch for)
      return { value: (w) => w.signingKeyId, missing: () => `key-${randomBytes(8).toString("hex")}`, visibleTo: "everyone" };
    case "version":
      return { value: () => "1", missing: () => "999", visibleTo: "everyone" };
    case "handle": // the fixture's profile is public; its entries are private and named by [entryId]
      return { value: (w) => w.handle, missing: () => unique("nobody"), visibleTo: "everyone" };
    case "channel": // a share network's name, not a thing of anyone
      return { value: () => "linkedin", missing: () => "linkedin", visibleTo: "everyone" };
    case "jobId":
      if (before === "events") return { value: (w) => w.programJob.id, missing: missingId, visibleTo: "A" };
      return { value: (w) => w.job.id, missing: missingId, visibleTo: "A" };
    case "programId":
      return { value: (w) => w.program.id, missing: missingId, visibleTo: "A" };
    case "groupId":
      return { value: (w) => w.group.id, missing: missingId, visibleTo: "A" };
    case "ruleId":
      return { value: (w) => w.rule.id, missing: missingId, visibleTo: "A" };
    case "credentialId":
      return { value: (w) => w.credential.id, missing: missingId, visibleTo: "learner and A" };
    case "deliveryId":
      return { value: (w) => w.delivery.id, missing: missingId, visibleTo: "A" };
    case "type": // an event type, not a thing of anyone: each organization gets its own samples of it
      return { value: () => "credential.issued", missing: () => "credential.issued", visibleTo: "A", kind: true };
    case "entryId": // the learner's private imported badge
      return { value: (w) => w.imported.id, missing: missingId, visibleTo: "learner only" };
    case "code": // a share link of the private credential
      return { value: (w) => w.shareCode, missing: () => `mx${randomBytes(6).toString("hex")}`, visibleTo: "learner and A" };
    case "token": // an invitation to A, for another address
      return { value: (w) => w.inviteToken, missing: () => randomBytes(24).toString("base64url"), visibleTo: "A" };
    case "id":
      if (before === "c" || before === "credentials") return { value: (w) => w.credential.id, missing: missingId, visibleTo: "learner and A" };
      if (before === "b" || before === "achievements") return { value: (w) => w.achievement.id, missing: missingId, visibleTo: "everyone" };
      if (before === "jobs") return { value: (w) => w.job.id, missing: missingId, visibleTo: "A" };
      if (before === "programs") return { value: (w) => w.program.id, missing: missingId, visibleTo: "A" };
      if (before === "p") return { value: (w) => w.program.id, missing: missingId, visibleTo: "A" };
      if (before === "webhooks") return { value: (w) => w.webhook.id, missing: missingId, visibleTo: "A" };
      if (before === "connections") return { value: (w) => w.ssoConnection.id, missing: missingId, visibleTo: "A" };
      // An engagement email of A's: a link signed for it is followed whoever clicks (see QUERIES).
      if (before === "open") return { value: (w) => w.engagementEmail.id, missing: missingId, visibleTo: "everyone" };
      return null;
    default:
      return null;
  }
}

// Reads whose query names A's thing otherwise than by an achievement filter (they refuse unknown parameters).
const QUERIES: Record<string, (w: World, variant: "real" | "missing") => string> = {
  "api/v1/programs": () => "?archived=true",
  "email/open/[id]": (w, variant) => {
    const to = `${env().BASE_URL}/`;
    return variant === "real" ? `?u=${encodeURIComponent(to)}&s=${linkSignature(w.engagementEmail.id, to)}` : "";
  },
  "api/v1/learners/progress": (w, variant) => `?email=${encodeURIComponent(uniqueEmail("progress"))}&programId=${variant === "real" ? w.program.id : missingId()}`,
};

// Actions whose form must name one particular thing of the learner's to get anywhere: the
// address a pending-address action works on.
const ACTION_FIELDS: Record<string, (w: World, variant: "real" | "missing") => Record<string, string>> = {
  resendVerificationAction: (w, variant) => ({ email: variant === "real" ? w.unverifiedEmail.email : uniqueEmail("missing") }),
  removePendingEmailAction: (w, variant) => ({ email: variant === "real" ? w.unverifiedEmail.email : uniqueEmail("missing") }),
  // Checking again is for imported badges: the learner's private import.
  recheckImportAction: (w, variant) => ({ entryId: variant === "real" ? w.imported.id : missingId() }),
};

function fieldsFor(name: string, w: World, variant: "real" | "missing", orgSlug: string): Record<string, string> {
  return { ...actionFields(w, variant, orgSlug), ...(ACTION_FIELDS[name]?.(w, variant) ?? {}) };
}

// --- The kitchen-sink form every server action receives: each field an action may read, naming
// A's or the learner's things (actions take what their schema names and ignore the rest).

function actionFields(w: World, variant: "real" | "missing", orgSlug: string): Record<string, string> {
  const pick = (real: string) => (variant === "real" ? real : missingId());
  return {
    org: orgSlug,
    credentialId: pick(w.credential.id),
    entryId: pick(w.entry.id),
    collectionId: pick(w.collection.id),
    id: pick(w.credential.id),
    ids: pick(w.credential.id),
    achievementId: pick(w.achievement.id),
    programId: pick(w.program.id),
    ruleId: pick(w.rule.id),
    jobId: pick(w.applyJob.id),
    scheduledIssueId: pick(w.scheduledIssue.id),
    keyId: pick(w.goodKey.id),
    membershipId: pick(w.issuerMembership.id),
    invitationId: pick(w.invitation.id),
    emailId: pick(w.unverifiedEmail.id),
    token: variant === "real" ? w.inviteToken : randomBytes(24).toString("base64url"),
    // Values that make the forms valid, so an action refuses because of who asks, not the input.
    reason: "Refused by the matrix",
    archived: "true",
    role: "admin",
    direction: "up",
    visibility: "public",
    then: "stay",
    name: "Renamed by an intruder",
    description: "Written by an intruder",
    "criteria.narrative": "Pass the course.",
    imageSource: "keep",
    email: uniqueEmail("intruder"),
    password: "correct horse battery staple 42",
    locale: "en",
    plan: "pro",
    interval: "month",
    source: "paste",
    // A pasted link to the private credential: importing it must not tell it from an unknown one.
    text: `${env().BASE_URL}/c/${pick(w.credential.id)}`,
    headline: "Intruder",
    profilePublic: "on",
    handle: unique("intruder").toLowerCase(),
    "scope:credentials:read": "on",
    slug: orgSlug,
    website: "https://academy.example",
    primaryColor: "#1f5f4a",
    secondaryColor: "#d9a521",
    kind: "target",
    metric: "courses_completed",
    atLeast: "10",
    value: "1",
    claimReminderDays: "3, 10",
    fromAddress: "badges@matrix-intruder.example",
    // A new name each call: a second call with the same one would be refused as listed already.
    domain: `${unique("matrix-intruder")}.example`,
    domainId: pick(w.domain.id),
    // A webhook endpoint of A's, its delivery, and a new endpoint's address and events.
    // A saved group of A's and one of its members.
    groupId: pick(w.group.id),
    memberId: pick(w.groupMember.id),
    webhookId: pick(w.webhook.id),
    deliveryId: pick(w.delivery.id),
    url: "https://hooks.example.com/matrix",
    "event:credential.issued": "on",
    webhookEnabled: "false",
    // A's single sign-on, set up with an identity provider's metadata.
    protocol: "saml",
    metadataXml: exampleIdpMetadata(),
    defaultRole: "viewer",
    // An app the learner connected (Open Badges API).
    grantId: pick(w.learnerWallet.grant.id),
    // A learning platform to register (a new client id each call: the same twice is refused), and
    // A's spare one to remove; the tool page's award rule (an assignment of A's course).
    issuer: "https://lms.intruder.example",
    clientId: unique("matrix-client"),
    authorizationUrl: "https://lms.intruder.example/auth",
    tokenUrl: "https://lms.intruder.example/token",
    jwksUrl: "https://lms.intruder.example/jwks",
    deploymentIds: "1",
    platformId: pick(w.ltiSparePlatform.id),
    lineItem: "https://127.0.0.1/lineitems/1",
    lineItemLabel: "Final exam",
    minPercent: "80",
  };
}

// --- Calling, and reading the answer.

type Answer = { status: number; body: string; location: string | null; error?: string; /** An action's refusal: its code and its fields' codes. */ shape?: string };

/** notFound() and redirect() throw; Next turns them into a 404 and a redirect. */
function fromThrown(error: unknown): Answer {
  const digest = error && typeof error === "object" && "digest" in error ? String((error as { digest: unknown }).digest) : "";
  if (digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;")) return { status: Number(digest.split(";")[1]), body: "", location: null };
  if (digest.startsWith("NEXT_REDIRECT;")) {
    const parts = digest.split(";");
    return { status: Number(parts.at(-2)) || 307, body: "", location: parts.slice(2, -2).join(";") };
  }
  return { status: 500, body: "", location: null, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}

async function readBody(response: Response): Promise<string> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const type = response.headers.get("content-type") ?? "";
  if (type.includes("zip")) {
    return Object.values(unzipSync(bytes)).map((file) => new TextDecoder().decode(file)).join("\n");
  }
  return new TextDecoder().decode(bytes);
}

function requestHeaders(actor: Actor | null, scope: string | null): Record<string, string> {
  const base = new URL(env().BASE_URL);
  return {
    host: base.host,
    origin: base.origin,
    "sec-fetch-site": "same-origin",
    "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36",
    "x-forwarded-for": `198.51.100.${1 + Math.floor(Math.random() * 250)}`,
    ...(actor?.key ? { authorization: `Bearer ${actor.key(scope)}` } : {}),
  };
}

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response> | Response;
type Action = (previous: unknown, form: FormData) => Promise<unknown>;

async function settle() {
  // Queued events wait for a batch timer; write them now, then whatever after() was handed.
  await flushCredentialEvents();
  while (harness.pending.length) await Promise.all(harness.pending.splice(0));
}

/**
 * The body every POST receives: JSON naming A's achievement (what the API's and the dashboard's
 * bodies name), or the bulk upload's form with a one-row CSV. Fields a route does not know are
 * ignored by its schema.
 */
function requestBody(w: World, variant: "real" | "missing", path: string): { body: BodyInit; type: string | null } {
  const achievementId = variant === "real" ? w.achievement.id : missingId();
  if (path.endsWith("/events/upload")) {
    const form = new FormData();
    form.set("file", new File([`id,email,metric,value\n${unique("evt")},${uniqueEmail("upload")},courses_completed,1\n`], "events.csv", { type: "text/csv" }));
    return { body: form, type: null };
  }
  if (path.endsWith("/upload")) {
    const form = new FormData();
    form.set("mode", "preview");
    form.set("achievementId", achievementId);
    form.set("file", new File([`email,name\n${uniqueEmail("upload")},Upload Row\n`], "roster.csv", { type: "text/csv" }));
    return { body: form, type: null };
  }
  if (path.startsWith("/api/v1/sso")) {
    return { body: JSON.stringify({ type: "saml", metadataXml: exampleIdpMetadata() }), type: "application/json" };
  }
  if (path.startsWith("/api/v1/lti/platforms")) {
    return { body: JSON.stringify({ issuer: "https://lms.matrix-api.example", clientId: unique("matrix-api-client"), authorizationUrl: "https://lms.matrix-api.example/auth", tokenUrl: "https://lms.matrix-api.example/token", jwksUrl: "https://lms.matrix-api.example/jwks", deploymentIds: ["1"] }), type: "application/json" };
  }
  if (path.startsWith("/api/v1/webhooks")) {
    return { body: JSON.stringify({ url: `https://${randomBytes(4).toString("hex")}.hooks.example.com/matrix`, events: ["credential.issued"], description: "Written by the matrix." }), type: "application/json" };
  }
  const json = {
    achievementId,
    recipient: { email: uniqueEmail("api-recipient"), name: "Matrix Recipient" },
    recipients: [{ email: uniqueEmail("api-recipient") }],
    reason: "Refused by the matrix",
    name: "Matrix achievement",
    description: "Written by the matrix.",
    criteria: { narrative: "None." },
    // A rule and events that A's program takes (the rule awards the fixture's achievement, which no rule of it awards yet).
    kind: "target",
    metric: "courses_completed",
    atLeast: 1,
    events: [{ id: unique("evt"), learner: { email: uniqueEmail("api-learner") }, programId: variant === "real" ? w.program.id : missingId(), metric: "courses_completed", value: 1 }],
  };
  return { body: JSON.stringify(json), type: "application/json" };
}

async function callRoute(
  handler: Handler, method: string, path: string, params: Record<string, string>, headers: Record<string, string>,
  body: { body: BodyInit; type: string | null } | null,
): Promise<Answer> {
  harness.headers = headers;
  const url = new URL(path, env().BASE_URL);
  const init: RequestInit = { method, headers: { ...headers, ...(body?.type ? { "content-type": body.type } : {}) } };
  if (body) init.body = body.body;
  let answer: Answer;
  try {
    const response = await handler(new Request(url, init), { params: Promise.resolve(params) });
    answer = { status: response.status, body: await readBody(response), location: response.headers.get("location") };
  } catch (error) {
    answer = fromThrown(error);
  }
  await settle();
  return answer;
}

async function callAction(action: Action, fields: Record<string, string>, headers: Record<string, string>): Promise<Answer> {
  harness.headers = headers;
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  let answer: Answer;
  try {
    const state = (await action(null, form)) as { ok: boolean; code?: string; fields?: Record<string, { code?: string }> } | null;
    const shape = state && !state.ok
      ? `${state.code} ${Object.entries(state.fields ?? {}).map(([field, issue]) => `${field}:${issue?.code}`).sort().join(",")}`
      : undefined;
    answer = { status: state?.ok ? 200 : codeStatus(state?.code), body: JSON.stringify(state ?? null), location: null, shape };
  } catch (error) {
    answer = fromThrown(error);
  }
  await settle();
  return answer;
}

/**
 * Whether an action refused its form (a field missing or malformed, or naming nothing), rather
 * than what the form named (revoked, already done): the codes lib/errors.ts gives zod's issues.
 */
function refusedTheForm(answer: Answer): boolean {
  if (answer.status !== 422) return false;
  const codes = (answer.shape ?? "").split(" ")[1]?.split(",").map((entry) => entry.split(":").pop()) ?? [];
  const formCodes = ["required", "too_short", "too_long", "invalid_choice", "invalid", "invalid_format", "invalid_email", "import_laurel_unknown"];
  return codes.length === 0 || codes.some((code) => formCodes.includes(code ?? ""));
}

/** An action's refusal code as the status a route would give it, so both compare alike. */
function codeStatus(code: string | undefined): number {
  const table: Record<string, number> = { unauthorized: 401, forbidden: 403, not_found: 404, payment_required: 402, conflict: 409, rate_limited: 429 };
  return code ? table[code] ?? 422 : 400;
}

// --- A's rows, to see that nothing changed. Caches a read may fill (a status list signed on its
// first fetch, a key's lastUsedAt) are left out; what they cache is compared instead.

async function snapshot(w: World): Promise<string> {
  const org = w.orgA.id;
  const learner = w.learner.id;
  const rows = await db.$queryRawUnsafe<{ name: string; rows: unknown }[]>(
    `SELECT 'org' AS name, (SELECT json_agg(t) FROM (SELECT * FROM "Organization" WHERE id = $1) t) AS rows
     UNION ALL SELECT 'members', (SELECT json_agg(t ORDER BY id) FROM "Membership" t WHERE "organizationId" = $1)
     UNION ALL SELECT 'invitations', (SELECT json_agg(t ORDER BY id) FROM "Invitation" t WHERE "organizationId" = $1)
     UNION ALL SELECT 'keys', (SELECT json_agg(t ORDER BY id) FROM (SELECT id, status, "retiredAt" FROM "SigningKey" WHERE "organizationId" = $1) t)
     UNION ALL SELECT 'status lists', (SELECT json_agg(t ORDER BY id) FROM (SELECT id, md5(bits) AS bits, allocated, version FROM "StatusList" WHERE "organizationId" = $1) t)
     UNION ALL SELECT 'achievements', (SELECT json_agg(t ORDER BY id) FROM (SELECT id, version, name, "updatedAt", "archivedAt" FROM "Achievement" WHERE "organizationId" = $1) t)
     UNION ALL SELECT 'credentials', (SELECT json_agg(t ORDER BY id) FROM (SELECT id, "recipientEmail", "recipientName", "revokedAt", "emailedAt", "claimedAt", "replacedById" FROM "Credential" WHERE "organizationId" = $1) t)
     UNION ALL SELECT 'events', (SELECT count(*)::text FROM "CredentialEvent" WHERE "organizationId" = $1)::json
     UNION ALL SELECT 'api keys', (SELECT json_agg(t ORDER BY id) FROM (SELECT id, name, scopes, "revokedAt" FROM "ApiKey" WHERE "organizationId" = $1) t)
     UNION ALL SELECT 'sso', (SELECT json_agg(t) FROM (SELECT id, protocol, "oidcClientId", "samlIdpEntityId", enforce, "defaultRole", "updatedAt" FROM "SsoConnection" WHERE "organizationId" = $1) t)
     UNION ALL SELECT 'domains', (SELECT json_agg(t ORDER BY id) FROM (SELECT id, domain, "verifiedAt" FROM "OrganizationDomain" WHERE "organizationId" = $1) t)
     UNION ALL SELECT 'email sender', (SELECT json_agg(t) FROM (SELECT "fromAddress", "replyTo", "dkimPublicKey", "verifiedAt", "lastCheckedAt" FROM "EmailSender" WHERE "organizationId" = $1) t)
     UNION ALL SELECT 'scheduled issues', (SELECT json_agg(t ORDER BY id) FROM (SELECT id, status, "sendAt" FROM "ScheduledIssue" WHERE "organizationId" = $1) t)
     UNION ALL SELECT 'award emails', (SELECT json_agg(t ORDER BY id) FROM (SELECT id, "awardEmailSubject", "awardEmailBody" FROM "Achievement" WHERE "organizationId" = $1) t)
     UNION ALL SELECT 'jobs', (SELECT json_agg(t ORDER BY id) FROM (SELECT id, status, done, failed FROM "BulkJob" WHERE "organizationId" = $1) t)
     UNION ALL SELECT 'bulk rows', (SELECT json_agg(t ORDER BY id) FROM (SELECT r.id, r.status, r.data FROM "BulkRow" r JOIN "BulkJob" j ON j.id = r."jobId" WHERE j."organizationId" = $1) t)
     UNION ALL SELECT 'groups', (SELECT json_agg(t ORDER BY id) FROM (SELECT id, name, "updatedAt" FROM "RecipientGroup" WHERE "organizationId" = $1) t)
     UNION ALL SELECT 'group members', (SELECT json_agg(t ORDER BY id) FROM (SELECT m.id, m.email, m.name FROM "RecipientGroupMember" m JOIN "RecipientGroup" g ON g.id = m."groupId" WHERE g."organizationId" = $1) t)
     UNION ALL SELECT 'programs', (SELECT json_agg(t ORDER BY id) FROM (SELECT id, name, visibility, md5(coalesce(image, '')) AS image, "archivedAt", "updatedAt" FROM "Program" WHERE "organizationId" = $1) t)
     UNION ALL SELECT 'program metrics', (SELECT json_agg(t ORDER BY id) FROM "ProgramMetric" t WHERE "programId" IN (SELECT id FROM "Program" WHERE "organizationId" = $1))
     UNION ALL SELECT 'program rules', (SELECT json_agg(t ORDER BY id) FROM (SELECT id, "deletedAt" FROM "ProgramRule" WHERE "organizationId" = $1) t)
     UNION ALL SELECT 'program jobs', (SELECT json_agg(t ORDER BY id) FROM (SELECT id, status, done FROM "ProgramJob" WHERE "organizationId" = $1) t)
     UNION ALL SELECT 'idempotency', (SELECT count(*)::text FROM "IdempotencyRecord" WHERE "organizationId" = $1)::json
     UNION ALL SELECT 'usage', (SELECT json_agg(t) FROM "IssuanceUsage" t WHERE "organizationId" = $1)
     UNION ALL SELECT 'learner', (SELECT json_agg(t) FROM (SELECT id, name, email, handle, headline, photo, "profilePublic", "updatedAt" FROM "User" WHERE id = $2) t)
     UNION ALL SELECT 'addresses', (SELECT json_agg(t ORDER BY id) FROM "UserEmail" t WHERE "userId" = $2)
     UNION ALL SELECT 'entries', (SELECT json_agg(t ORDER BY id) FROM (SELECT id, "userId", state, visibility, "pinPosition", "updatedAt" FROM "BackpackEntry" WHERE "userId" = $2 OR id IN ($3, $4)) t)
     UNION ALL SELECT 'collections', (SELECT json_agg(t ORDER BY id) FROM "Collection" t WHERE "userId" = $2)
     UNION ALL SELECT 'connected apps', (SELECT json_agg(t ORDER BY id) FROM (SELECT id, scopes FROM "OAuthGrant" WHERE "userId" = $2) t)
     UNION ALL SELECT 'collection items', (SELECT json_agg(t ORDER BY "entryId") FROM "CollectionItem" t WHERE "entryId" IN ($3, $4))
     UNION ALL SELECT 'share links', (SELECT count(*)::text FROM "ShareLink" WHERE "credentialId" = $5)::json
     UNION ALL SELECT 'mail to A', (SELECT count(*)::text FROM "OutboxEmail" WHERE "to" IN ($6, $7))::json
     UNION ALL SELECT 'programs', (SELECT json_agg(t ORDER BY id) FROM (SELECT id, name, description, visibility, "enrolUrl", "archivedAt", "updatedAt" FROM "Program" WHERE "organizationId" = $1) t)
     UNION ALL SELECT 'program metrics', (SELECT json_agg(t ORDER BY id) FROM (SELECT m.id, m.key, m.label, m.aggregate FROM "ProgramMetric" m JOIN "Program" p ON p.id = m."programId" WHERE p."organizationId" = $1) t)
     UNION ALL SELECT 'program rules', (SELECT json_agg(t ORDER BY id) FROM (SELECT id, "deletedAt" FROM "ProgramRule" WHERE "organizationId" = $1) t)
     UNION ALL SELECT 'program events', (SELECT count(*)::text FROM "ProgramEvent" WHERE "organizationId" = $1)::json
     UNION ALL SELECT 'lti platforms', (SELECT json_agg(t ORDER BY id) FROM (SELECT id, issuer, "clientId", "deploymentIds" FROM "LtiPlatform" WHERE "organizationId" = $1) t)
     UNION ALL SELECT 'lti award rules', (SELECT json_agg(t ORDER BY id) FROM (SELECT id, "lineItemUrl", "minPercent", "programRuleId" FROM "LtiAwardRule" WHERE "organizationId" = $1) t)
     UNION ALL SELECT 'program jobs', (SELECT json_agg(t ORDER BY id) FROM (SELECT id, status, done, failed FROM "ProgramJob" WHERE "organizationId" = $1) t)`,
    org, learner, w.entry.id, w.imported.id, w.credential.id, w.learner.email, w.ownerA.email,
  );
  return JSON.stringify(rows);
}

function changedParts(before: string, after: string): string[] {
  const a = JSON.parse(before) as { name: string; rows: unknown }[];
  const b = JSON.parse(after) as { name: string; rows: unknown }[];
  return a.filter((part, i) => JSON.stringify(part.rows) !== JSON.stringify(b[i]?.rows)).map((part) => part.name);
}

// --- The matrix.

type Check = { target: string; actor: ActorName; answer: Answer; missing: Answer | null };
type Leak = Check & { why: string };

/** One call as one actor, with what it names and who may see that. */
type Probe = {
  target: string;
  actor: Actor;
  call: () => Promise<Answer>;
  /** The same call naming things that do not exist; null when there is nothing to compare. */
  callMissing: (() => Promise<Answer>) | null;
  visibleTo: Target["visibleTo"];
  /** Whether the call names one of A's (or the learner's) private things, so a success would expose it. */
  namesPrivateThing: boolean;
  /** Route answers are compared body and all; an action's state carries fresh ids, so only its outcome. */
  compareBodies: boolean;
  /** A public document: everyone gets it. */
  publicDocument: boolean;
};

describe("the cross-tenant and role matrix", async () => {
  const routeFiles = findAppFiles(APP_DIR, ["route.ts"]).sort();
  const actionFiles = findAppFiles(APP_DIR, ["actions.ts"]).sort();
  const w = await buildWorld();
  // The same again, for the rightful callers' writes.
  const fresh = await buildWorld();

  const scopeKey = (scope: string | null) => (scope ? (w.keysWithout.get(scope) ?? w.revokedKey.plaintext) : w.revokedKey.plaintext);
  const person = (user: { id: string; email: string }) => ({ userId: user.id, email: user.email });
  const nobody = { userId: null, email: null };
  const actors: Actor[] = [
    { name: "another org's owner", ...person(w.otherOwner), key: null, ownOrg: false },
    { name: "another org's owner, in their own org", ...person(w.otherOwner), key: null, ownOrg: true },
    { name: "a viewer of A", ...person(w.viewer), key: null, ownOrg: false },
    { name: "a removed member of A", ...person(w.removed), key: null, ownOrg: false },
    { name: "a signed-out visitor", ...nobody, key: null, ownOrg: false },
    { name: "another learner", ...person(w.otherLearner), key: null, ownOrg: false },
    { name: "A's revoked key", ...nobody, key: () => w.revokedKey.plaintext, ownOrg: false },
    { name: "A's key without the scope", ...nobody, key: scopeKey, ownOrg: false },
    { name: "another org's key", ...nobody, key: () => w.otherKey.plaintext, ownOrg: false },
  ];

  // The rightful callers: each private route must answer them with what it names (and differently
  // from a missing thing), or the matrix's refusals above would prove nothing.
  const controls = {
    owner: { name: "A's owner (control)", ...person(w.ownerA), key: null, ownOrg: false },
    learner: { name: "the learner (control)", ...person(w.learner), key: null, ownOrg: false },
    key: { name: "A's key (control)", ...nobody, key: () => w.goodKey.plaintext, ownOrg: false },
    wallet: { name: "the learner's app (control)", ...nobody, key: () => w.learnerWallet.token, ownOrg: false },
  } satisfies Record<string, Actor>;
  // The resource server's stranger: another learner's app, with every scope of its own.
  const otherApp: Actor = { name: "another learner's app", ...nobody, key: () => w.otherWallet.token, ownOrg: false };
  const controlResults: { target: string; actor: ActorName; reached: boolean; answer: Answer }[] = [];
  const deferredControls: { method: string; run: () => Promise<void> }[] = [];

  const checks: Check[] = [];
  const leaks: Leak[] = [];
  const failures: string[] = [];
  const enumerated = { routeFiles: routeFiles.length, handlers: 0, actionFiles: actionFiles.length, actions: 0 };
  const skipped: string[] = [];
  let rows = await snapshot(w);

  /** A's private strings in an answer; an actor's own address is theirs to see. */
  const markersIn = (body: string, actor: Actor) =>
    Object.entries(w.markers).filter(([, value]) => value !== actor.email && body.includes(value)).map(([what]) => what);

  /**
   * Whether an actor may see what a call names: A's viewer sees A's things when the door asked
   * for no more than a viewer (and a private credential of A); nobody else here may.
   */
  function entitled(actor: Actor, visibleTo: Target["visibleTo"], required: string[]): boolean {
    if (visibleTo === "everyone") return true;
    if (actor.name !== "a viewer of A" || visibleTo === "learner only") return false;
    return required.every((role) => hasRole("viewer", role as Role));
  }

  const isSuccess = (answer: Answer) => answer.status >= 200 && answer.status < 300;
  const sameAnswer = (a: Answer, b: Answer, bodies: boolean) => a.status === b.status && a.location === b.location && (!bodies || a.body === b.body);

  const timing = { calls: 0, snapshots: 0 };
  const timed = async <T,>(what: keyof typeof timing, work: Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work;
    } finally {
      timing[what] += performance.now() - started;
    }
  };

  async function run(probe: Probe): Promise<void> {
    const { actor } = probe;
    harness.userId = actor.userId;
    harness.requiredRoles = [];
    const answer = await timed("calls", probe.call());
    const required = [...harness.requiredRoles];
    const isEntitled = entitled(actor, probe.visibleTo, required);
    // A member of A may learn that A exists and that their role is too low; everyone else must
    // not tell A's thing from one that does not exist.
    const memberOfA = actor.name === "a viewer of A" && probe.visibleTo !== "learner only";
    const compare = !isEntitled && !memberOfA && probe.visibleTo !== "everyone" && probe.callMissing !== null;
    const missing = compare && probe.callMissing ? await timed("calls", probe.callMissing()) : null;
    const after = await timed("snapshots", snapshot(w));
    const changed = changedParts(rows, after);
    rows = after;
    const check: Check = { target: probe.target, actor: actor.name, answer, missing };
    checks.push(check);

    const why: string[] = [];
    const indistinguishable = missing !== null && sameAnswer(answer, missing, probe.compareBodies);
    if (answer.error) why.push(`threw ${answer.error}`);
    if (!isEntitled && probe.namesPrivateThing && !indistinguishable) {
      if (isSuccess(answer)) why.push(`answered ${answer.status}`);
      if (answer.location && !answer.location.includes("/sign-in")) why.push(`redirected to ${answer.location}`);
    }
    if (!isEntitled || probe.visibleTo === "everyone") {
      const seen = markersIn(answer.body, actor);
      if (seen.length) why.push(`the answer shows ${seen.join(", ")}`);
    }
    // A's members viewing A's private credential are counted in its analytics, and a member
    // joining A's members-only program is a program.joined event; nothing else may change.
    const allowed = isEntitled && probe.visibleTo !== "everyone" ? ["events", "program events"] : [];
    const unexpected = changed.filter((part) => !allowed.includes(part));
    if (unexpected.length) why.push(`changed A's ${unexpected.join(", ")}`);
    if (missing && missing.status !== answer.status) why.push(`answered ${answer.status}, but ${missing.status} for a missing one`);
    else if (missing && missing.shape !== answer.shape) why.push(`refused with ${answer.shape}, but ${missing.shape} for a missing one`);
    if (probe.publicDocument && answer.status >= 400) why.push(`refused a public document (${answer.status})`);
    if (why.length) leaks.push({ ...check, why: why.join("; ") });
  }

  const { operations } = await import("@/lib/api/operations");
  const scopeOf = (method: string, segments: string[]) => {
    const path = `/${segments.map((s) => (s.startsWith("[") ? `{${s.slice(1, -1)}}` : s)).join("/")}`;
    const operation: { method: string; path: string; scope?: string } | undefined = Object.values(operations).find((op) => op.method === method && op.path === path);
    return operation?.scope ?? null;
  };

  it("finds every route and action on disk", () => {
    expect(routeFiles.length).toBeGreaterThan(40);
    expect(actionFiles.length).toBeGreaterThan(10);
  });

  it("leaks nothing of organization A through any route handler", async () => {
    for (const file of routeFiles) {
      const segments = urlSegments(file);
      const where = segments.join("/");
      if (SKIPPED[where]) {
        skipped.push(`${where}: ${SKIPPED[where]}`);
        continue;
      }
      const routeClass = classify(segments);
      if (!routeClass) {
        failures.push(`${where}: no class for this folder (add it to classify())`);
        continue;
      }
      const params = segments.filter((segment) => segment.startsWith("["));
      const choices = params.map((segment) => targetsOf(segments, segments.indexOf(segment)));
      if (choices.some((choice) => !choice)) {
        failures.push(`${where}: no fixture for a param in ${params.join(", ")} (add it to targetOf())`);
        continue;
      }
      // Each combination of the things the params are tried with.
      const combinations = choices.reduce<Target[][]>((sets, choice) => sets.flatMap((set) => choice!.map((target) => [...set, target])), [[]]);
      const module = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
      const methods = HTTP_METHODS.filter((method) => typeof module[method] === "function");
      if (methods.length === 0) failures.push(`${where}: exports no HTTP handler`);

      for (const method of methods) enumerated.handlers++;
      for (const [method, targets] of methods.flatMap((m) => combinations.map((c) => [m, c] as const))) {
        const label = targets.map((target) => target.label).filter(Boolean).join(", ");
        const name = `${method} ${where}${label ? ` (${label})` : ""}`;
        const handler = module[method] as Handler;
        const scope = routeClass === "api" ? scopeOf(method, segments) : null;
        if (routeClass === "api" && !scope) failures.push(`${method} ${where}: not in lib/api/operations.ts, so no scope to withhold`);
        // What the route names: in the dashboard, the API and the backpack every param is A's or
        // the learner's; a public document is private only when a param names a private thing.
        const privateTarget = targets.find((target) => target!.visibleTo !== "everyone")?.visibleTo;
        const visibleTo: Target["visibleTo"] =
          routeClass === "org" || routeClass === "api" || routeClass === "webhook" ? "A"
            : routeClass === "learner" || routeClass === "wallet" ? "learner only"
              : (privateTarget ?? "everyone");

        const rightful = routeClass === "api" ? controls.key : routeClass === "wallet" ? controls.wallet : visibleTo === "A" ? controls.owner : controls.learner;
        if (method !== "GET" && (routeClass === "api" || routeClass === "org")) {
          // Writes are controlled after every refusal, in a world of their own (they change its rows).
          deferredControls.push({ method, run: async () => {
            const values = Object.fromEntries(params.map((segment, i) => [segment.slice(1, -1), targets[i]!.value(fresh)]));
            const path = `/${segments.map((s) => (s.startsWith("[") ? encodeURIComponent(values[s.slice(1, -1)]) : s)).join("/")}`;
            const caller = routeClass === "api" ? { ...rightful, key: () => fresh.goodKey.plaintext } : { ...rightful, ...person(fresh.ownerA) };
            harness.userId = caller.userId;
            harness.doorsPassed = 0;
            const answer = await callRoute(handler, method, path, values, requestHeaders(caller, scope), requestBody(fresh, "real", path));
            const reached = answer.error === undefined && (routeClass === "org" ? harness.doorsPassed > 0 : answer.status < 400);
            controlResults.push({ target: name, actor: rightful.name, reached, answer });
          } });
        }
        const strangers = routeClass === "wallet" ? [...actors, otherApp] : actors;
        for (const actor of [...strangers, ...(method === "GET" && visibleTo !== "everyone" && routeClass !== "webhook" ? [rightful] : [])]) {
          if (actor.ownOrg && !params.includes("[org]")) continue;
          const values = (variant: "real" | "missing") =>
            Object.fromEntries(params.map((segment, i) => {
              const name = segment.slice(1, -1);
              if (actor.ownOrg && name === "org") return [name, w.orgB.slug];
              return [name, variant === "real" ? targets[i]!.value(w) : targets[i]!.missing()];
            }));
          const pathOf = (v: Record<string, string>) => `/${segments.map((s) => (s.startsWith("[") ? encodeURIComponent(v[s.slice(1, -1)]) : s)).join("/")}`;
          const hasBody = method !== "GET" && method !== "HEAD";
          // Reads of the dashboard and the API filter by achievement: the filter names A's too.
          const hasQuery = !hasBody && (routeClass === "api" || routeClass === "org" || where in QUERIES);
          const queryOf = (variant: "real" | "missing") => {
            if (!hasQuery) return "";
            const custom = QUERIES[where];
            return custom ? custom(w, variant) : `?achievementId=${variant === "real" ? w.achievement.id : missingId()}`;
          };
          const callWith = (v: Record<string, string>, variant: "real" | "missing") => () =>
            callRoute(handler, method, `${pathOf(v)}${queryOf(variant)}`, v, requestHeaders(actor, scope), hasBody ? requestBody(w, variant, pathOf(v)) : null);
          // Another org's owner in their own org names A's things only through the other params and the body.
          const namesOwnThingsOnly = actor.ownOrg && params.length === 1 && !hasBody && !hasQuery;
          const keyOfA = actor.name === "A's revoked key" || actor.name === "A's key without the scope";
          if (actor === rightful && (NO_CONTROL[where] || NO_CONTROL[`${where} (${label})`])) continue;
          if (actor === rightful) {
            harness.userId = actor.userId;
            const answer = await callWith(values("real"), "real")();
            const missing = params.length && !targets.every((target) => target!.kind) ? await callWith(values("missing"), "missing")() : null;
            const reached = answer.status >= 200 && answer.status < 400 && !answer.location?.includes("/sign-in") && !(missing && sameAnswer(answer, missing, true));
            controlResults.push({ target: name, actor: actor.name, reached, answer });
            rows = await snapshot(w);
            continue;
          }
          await run({
            target: name,
            actor,
            call: callWith(values("real"), "real"),
            callMissing: (params.length > 0 || hasBody || hasQuery) && !namesOwnThingsOnly ? callWith(values("missing"), "missing") : null,
            visibleTo,
            namesPrivateThing:
              routeClass === "webhook" ||
              (privateTarget !== undefined && !namesOwnThingsOnly) ||
              hasBody && (routeClass === "api" || routeClass === "org") ||
              hasQuery ||
              (routeClass === "api" && (keyOfA || !actor.key)),
            // What a POST creates carries fresh ids; its outcome is what must not differ.
            compareBodies: !hasBody,
            publicDocument: routeClass === "public" && visibleTo === "everyone" && method === "GET",
          });
        }
      }
    }
    // Deletions last: a thing deleted by one control would turn the next control on it into a 404.
    for (const control of deferredControls.filter((c) => c.method !== "DELETE")) await control.run();
    for (const control of deferredControls.filter((c) => c.method === "DELETE")) await control.run();
    report("routes");
    expect(failures).toEqual([]);
    expect(controlResults.filter((control) => !control.reached).map((control) => `${control.target} as ${control.actor}: ${control.answer.status} ${control.answer.error ?? ""}`)).toEqual([]);
    expect(leaks.map((leak) => `${leak.target} as ${leak.actor}: ${leak.why}`)).toEqual([]);
  }, 300_000);

  it("leaks nothing of organization A through any server action", async () => {
    const before = { checks: checks.length, leaks: leaks.length };
    Object.assign(timing, { calls: 0, snapshots: 0 });
    for (const file of actionFiles) {
      const segments = urlSegments(file);
      const where = segments.join("/");
      const actionClass = classify(segments);
      if (!actionClass || actionClass === "api" || actionClass === "public" || actionClass === "webhook") {
        failures.push(`${where}/actions.ts: no class for this folder (add it to classify())`);
        continue;
      }
      const module = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
      const actions = Object.entries(module).filter(([, value]) => typeof value === "function");
      if (actions.length === 0) failures.push(`${where}/actions.ts: exports no action`);

      for (const [name, action] of actions) {
        enumerated.actions++;
        // What the form names: an organization's actions name A (by its slug) and A's things;
        // the learner's name the learner's things; the invitation's, A's invitation by its token.
        const visibleTo: Target["visibleTo"] =
          actionClass === "org" || actionClass === "invitation" || actionClass === "program" || actionClass === "lti" ? "A" : actionClass === "learner" ? "learner only" : "everyone";
        for (const actor of actors) {
          if (actor.ownOrg && actionClass !== "org") continue;
          const slug = actor.ownOrg ? w.orgB.slug : w.orgA.slug;
          const missingSlug = actor.ownOrg ? w.orgB.slug : unique("no-such-org");
          const callWith = (variant: "real" | "missing") => () =>
            callAction(action as Action, fieldsFor(name, w, variant, variant === "real" ? slug : missingSlug), requestHeaders(actor, null));
          await run({
            target: `action ${where}#${name}`,
            actor,
            call: callWith("real"),
            // An invitation's token is a secret: holding it is the permission, so there is no
            // stranger to compare with.
            callMissing: visibleTo === "everyone" || actionClass === "invitation" ? null : callWith("missing"),
            visibleTo,
            namesPrivateThing: visibleTo !== "everyone",
            compareBodies: false,
            publicDocument: false,
          });
        }
      }
    }
    // The rightful callers last, in a world of their own (they change its rows): each action must
    // get past its door with the form the others were refused with, so the form names real things.
    const freshControls = {
      owner: { ...controls.owner, ...person(fresh.ownerA) },
      learner: { ...controls.learner, ...person(fresh.learner) },
    };
    for (const file of actionFiles) {
      const segments = urlSegments(file);
      const actionClass = classify(segments);
      // The tool page's actions: no session, the instructor's launch token of A's course in the form.
      const instructor = { ...controls.owner, name: "A's owner (control)" as const, userId: null, email: null };
      const rightful = actionClass === "org" ? freshControls.owner : actionClass === "learner" ? freshControls.learner : actionClass === "lti" ? instructor : null;
      if (!rightful) continue;
      const module = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
      // Those that take something away go last, so the others still find it.
      const order = (name: string) => ["remove", "revoke", "archive", "rotate", "decline", "delete"].findIndex((verb) => name.startsWith(verb)) + 1;
      const actions = Object.entries(module)
        .filter(([, value]) => typeof value === "function")
        .sort(([a], [b]) => order(a) - order(b));
      for (const [name, action] of actions) {
        harness.userId = rightful.userId;
        harness.doorsPassed = 0;
        const launch: Record<string, string> =
          actionClass === "lti" ? { launch: name === "pickAchievementAction" ? fresh.ltiTokens.deepLinking : fresh.ltiTokens.resource, achievementId: fresh.ltiAchievement.id } : {};
        const answer = await callAction(action as Action, { ...fieldsFor(name, fresh, "real", fresh.orgA.slug), ...launch }, requestHeaders(rightful, null));
        // Past the door and the form's validation: an org action's door let A's owner in (a later
        // refusal, such as billing not being configured here, is the action's own business).
        const reached = answer.error === undefined && !refusedTheForm(answer) &&
          (actionClass === "org" ? harness.doorsPassed > 0 : ![401, 403, 404].includes(answer.status));
        controlResults.push({ target: `action ${segments.join("/")}#${name}`, actor: rightful.name, reached, answer });
      }
    }
    report("actions", before);
    expect(failures).toEqual([]);
    expect(controlResults.filter((control) => control.target.startsWith("action") && !control.reached).map((control) => `${control.target}: ${control.answer.body}`)).toEqual([]);
    expect(leaks.slice(before.leaks).map((leak) => `${leak.target} as ${leak.actor}: ${leak.why}`)).toEqual([]);
  }, 300_000);

  function report(what: string, from = { checks: 0, leaks: 0 }) {
    const ran = checks.slice(from.checks);
    const found = leaks.slice(from.leaks);
    const lines = [
      what === "routes"
        ? `cross-tenant matrix, routes: ${enumerated.routeFiles} route files, ${enumerated.handlers} handlers; ${skipped.length} skipped`
        : `cross-tenant matrix, actions: ${enumerated.actionFiles} action files, ${enumerated.actions} actions`,
      `  checks run: ${ran.length} (one call as one actor each; ${ran.filter((c) => c.missing).length} also compared with a missing thing), actors: ${actors.map((a) => a.name).join(", ")}`,
      `  leaks: ${found.length}`,
      `  time in calls ${Math.round(timing.calls)} ms, in comparing rows ${Math.round(timing.snapshots)} ms`,
      ...found.map((leak) => `  LEAK ${leak.target} as ${leak.actor}: ${leak.why}`),
      ...(what === "actions"
        ? [
            `  controls: ${controlResults.filter((c) => c.target.startsWith("action") && c.reached).length} of ${controlResults.filter((c) => c.target.startsWith("action")).length} actions of A or the learner got past their door for A's owner or the learner`,
            ...controlResults.filter((c) => c.target.startsWith("action") && !c.reached).map((c) => `  CONTROL FAILED ${c.target}: ${c.answer.status} ${c.answer.body.slice(0, 200)} ${c.answer.error ?? ""}`),
          ]
        : []),
      ...(what === "routes"
        ? [
            `  controls: ${controlResults.filter((c) => c.reached).length} of ${controlResults.length} private routes answered their rightful caller (A's owner, the learner or A's key)`,
            ...controlResults.filter((c) => !c.reached).map((c) => `  CONTROL FAILED ${c.target} as ${c.actor}: ${c.answer.status} ${c.answer.error ?? ""}`),
            ...skipped.map((line) => `  skipped ${line}`),
          ]
        : []),
      ...failures.map((line) => `  CANNOT CHECK ${line}`),
    ];
    console.info(lines.join("\n"));
  }
});

// Keep the digest reading honest: a new Next version could change how notFound() reports itself.
describe("reading Next's thrown answers", () => {
  it("reads notFound() as a 404 and redirect() as a redirect", async () => {
    const { notFound, redirect } = await import("next/navigation");
    expect(() => notFound()).toThrow();
    try {
      notFound();
    } catch (error) {
      expect(fromThrown(error).status).toBe(404);
    }
    try {
      redirect("/sign-in?callbackUrl=%2Fx");
    } catch (error) {
      expect(fromThrown(error)).toMatchObject({ location: "/sign-in?callbackUrl=%2Fx" });
    }
  });
});
