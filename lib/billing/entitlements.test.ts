import { afterEach, describe, expect, it } from "vitest";
import * as credentialsRoute from "@/app/api/v1/credentials/route";
import * as bulkRoute from "@/app/api/v1/credentials/bulk/route";
import { createApiKey } from "@/lib/api/keys";
import { db } from "@/lib/db";
import { claimEmail } from "@/lib/email/templates";
import { reloadEnv } from "@/lib/env";
import { parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";
import { emailBrand as claimEmailBrand } from "@/lib/issuing/claim-email";
import { issueBatch, loadBatchContext } from "@/lib/issuing/issue-batch";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { achievementInputSchema, issueCredentialSchema } from "@/lib/issuing/schemas";
import { inviteMember } from "@/lib/orgs/members";
import { createOrgWith, createUser, uniqueEmail } from "@/lib/test/factories";
import { entitlementsOf, issuedThisMonth, organizationEntitlements, usageMonth } from "./entitlements";
import { GRACE_DAYS, PLANS, TRIAL_DAYS } from "./plans";

const DAY = 86_400_000;
const longAgo = () => new Date(Date.now() - (TRIAL_DAYS + 30) * DAY);

/** An organization past its trial, on `plan` (free unless told), with an achievement. */
async function orgOn(plan: "free" | "pro" | "business" = "free", status: string | null = plan === "free" ? null : "active") {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Limits Academy");
  await db.organization.update({
    where: { id: org.id },
    data: { createdAt: longAgo(), plan, subscriptionStatus: status, stripeSubscriptionId: plan === "free" ? null : `sub_${org.id}` },
  });
  const achievement = await createAchievement(org.id, parseInput(achievementInputSchema, { name: "Quota Badge", description: "For limits.", criteria: { narrative: "Be counted." } }));
  return { owner, org, achievement };
}

const issueOne = (organizationId: string, achievementId: string) =>
  issueCredential(organizationId, parseInput(issueCredentialSchema, { achievementId, recipient: { email: uniqueEmail("quota") } }), { notify: false });

async function setUsage(organizationId: string, issued: number) {
  const month = new Date(`${usageMonth()}T00:00:00Z`);
  await db.issuanceUsage.upsert({ where: { organizationId_month: { organizationId, month } }, create: { organizationId, month, issued }, update: { issued } });
}

afterEach(() => {
  delete process.env.SELF_HOSTED;
  reloadEnv();
});

describe("what a plan allows", () => {
  const base = { id: "o", slug: "o", billingInterval: null, stripeCustomerId: null, currentPeriodEnd: null, cancelAtPeriodEnd: false };
  const now = new Date("2026-11-30T12:00:00Z");

  it("gives a new organization Pro for the trial, then Free", () => {
    const fresh = { ...base, createdAt: new Date(now.getTime() - DAY), plan: "free", subscriptionStatus: null, stripeSubscriptionId: null, pastDueSince: null };
    expect(entitlementsOf(fresh, now)).toMatchObject({ plan: "pro", reason: "trial", monthlyCredentials: PLANS.pro.monthlyCredentials });
    expect(entitlementsOf({ ...fresh, createdAt: new Date(now.getTime() - (TRIAL_DAYS + 1) * DAY) }, now)).toMatchObject({ plan: "free", reason: "free", monthlyCredentials: 50, members: 2 });
    // A trial is for before the first subscription, not after a cancellation.
    expect(entitlementsOf({ ...fresh, subscriptionStatus: "canceled", stripeSubscriptionId: "sub_1" }, now)).toMatchObject({ plan: "free" });
  });

  it("keeps a paid plan through the grace period after a failed payment, then falls back to Free", () => {
    const paid = { ...base, createdAt: longAgo(), plan: "business", subscriptionStatus: "past_due", stripeSubscriptionId: "sub_1" };
    expect(entitlementsOf({ ...paid, pastDueSince: new Date(now.getTime() - DAY) }, now)).toMatchObject({ plan: "business", reason: "grace", graceEndsAt: new Date(now.getTime() + (GRACE_DAYS - 1) * DAY) });
    expect(entitlementsOf({ ...paid, pastDueSince: new Date(now.getTime() - (GRACE_DAYS + 1) * DAY) }, now)).toMatchObject({ plan: "free", reason: "free" });
    expect(entitlementsOf({ ...paid, subscriptionStatus: "active", pastDueSince: null }, now)).toMatchObject({ plan: "business", reason: "subscription", members: null });
  });

  it("lifts every limit on a self-hosted install", async () => {
    const { org } = await orgOn("free");
    process.env.SELF_HOSTED = "true";
    reloadEnv();
    expect(await organizationEntitlements(org.id)).toMatchObject({ reason: "self_hosted", monthlyCredentials: null, members: null });
  });
});

describe("limits that hold", () => {
  it("refuses the 51st credential of the month on Free, naming the limit and where to upgrade", async () => {
    const { org, achievement } = await orgOn("free");
    await setUsage(org.id, 49);
    await issueOne(org.id, achievement.id);
    await expect(issueOne(org.id, achievement.id)).rejects.toMatchObject({
      code: "payment_required",
      status: 402,
      params: { limit: "monthly_credentials", quota: 50, plan: "free", upgradeUrl: expect.stringContaining(`/dashboard/${org.slug}/billing`) },
    });
    expect(await issuedThisMonth(org.id)).toBe(50);
    expect(await db.credential.count({ where: { organizationId: org.id } })).toBe(1);
  });

  it("answers the API with 402 and a machine-readable code: no API on Free, and the quota on Pro", async () => {
    const free = await orgOn("free");
    const freeKey = (await createApiKey(free.org.id, { name: "k", scopes: ["credentials:write"] })).plaintext;
    const refused = await credentialsRoute.POST(
      new Request("http://localhost/api/v1/credentials", { method: "POST", headers: { authorization: `Bearer ${freeKey}`, "content-type": "application/json" }, body: JSON.stringify({ achievementId: free.achievement.id, recipient: { email: uniqueEmail() } }) }),
      { params: Promise.resolve({}) },
    );
    expect(refused.status).toBe(402);
    expect((await refused.json()).error).toMatchObject({ code: "payment_required", details: { limit: "feature", feature: "api", requiredPlan: "pro" } });

    const pro = await orgOn("pro");
    const proKey = (await createApiKey(pro.org.id, { name: "k", scopes: ["credentials:write"] })).plaintext;
    await setUsage(pro.org.id, PLANS.pro.monthlyCredentials!);
    const overQuota = await credentialsRoute.POST(
      new Request("http://localhost/api/v1/credentials", { method: "POST", headers: { authorization: `Bearer ${proKey}`, "content-type": "application/json" }, body: JSON.stringify({ achievementId: pro.achievement.id, recipient: { email: uniqueEmail() } }) }),
      { params: Promise.resolve({}) },
    );
    expect(overQuota.status).toBe(402);
    expect((await overQuota.json()).error).toMatchObject({ code: "payment_required", details: { limit: "monthly_credentials", quota: 2000, plan: "pro" } });
    expect(await db.credential.count({ where: { organizationId: pro.org.id } })).toBe(0);

    // Bulk issuing is a Pro feature: Free's key is refused before anything is read.
    const bulk = await bulkRoute.POST(
      new Request("http://localhost/api/v1/credentials/bulk", { method: "POST", headers: { authorization: `Bearer ${freeKey}`, "content-type": "application/json" }, body: "{}" }),
      { params: Promise.resolve({}) },
    );
    expect(bulk.status).toBe(402);
  });

  it("lets two parallel bulk runs issue exactly the quota that is left between them", async () => {
    const { org, achievement } = await orgOn("free");
    await setUsage(org.id, 40);
    const items = (prefix: string) => Array.from({ length: 8 }, (_, n) => ({ idempotencyKey: `${prefix}-${n}`, recipient: { email: uniqueEmail(prefix) } }));
    const [first, second] = await Promise.all([
      loadBatchContext(org.id, achievement.id).then((context) => issueBatch(context, items("a"))),
      loadBatchContext(org.id, achievement.id).then((context) => issueBatch(context, items("b"))),
    ]);
    const outcomes = [...first, ...second];
    expect(outcomes.filter((o) => o.status === "issued")).toHaveLength(10);
    expect(outcomes.filter((o) => o.status === "failed" && o.error === "quota_exceeded")).toHaveLength(6);
    expect(await db.credential.count({ where: { organizationId: org.id } })).toBe(10);
    expect(await issuedThisMonth(org.id)).toBe(50);
  });

  it("counts a rerun's already-issued rows once", async () => {
    const { org, achievement } = await orgOn("free");
    const context = await loadBatchContext(org.id, achievement.id);
    const rows = [{ idempotencyKey: "same-1", recipient: { email: uniqueEmail() } }, { idempotencyKey: "same-2", recipient: { email: uniqueEmail() } }];
    await issueBatch(context, rows);
    const again = await issueBatch(context, rows);
    expect(again.map((o) => o.status)).toEqual(["skipped", "skipped"]);
    expect(await issuedThisMonth(org.id)).toBe(2);
  });

  it("refuses an invitation past the plan's seats, pending invitations included", async () => {
    const { org, owner } = await orgOn("free");
    const actor = { userId: owner.id, role: "owner" as const, email: owner.email, name: null, locale: "en" as const };
    await inviteMember(org.id, { email: uniqueEmail("second"), role: "viewer" }, actor);
    await expect(inviteMember(org.id, { email: uniqueEmail("third"), role: "viewer" }, actor)).rejects.toMatchObject({
      code: "payment_required",
      params: { limit: "members", seats: 2, plan: "free" },
    });
    expect(await db.invitation.count({ where: { organizationId: org.id } })).toBe(1);
  });
});

describe("branding by plan", () => {
  const email = (ownBranding: boolean) =>
    claimEmail({ to: "lee@example.com", url: "https://laurel.example/c/1", locale: "en", organization: { name: "Harbor Academy", color: "#1f5f4a", ownBranding }, recipientName: null, achievementName: "Knots" });

  it("signs a Free organization's emails as sent with Laurel, and a plan with own branding's with its name", async () => {
    expect(email(false).text).toContain("Sent with Laurel, digital badges and certificates · lee@example.com");
    expect(email(true).text).toContain("Harbor Academy · lee@example.com");
    expect(email(true).html).not.toContain("Sent with Laurel");
    const { org } = await orgOn("free");
    const pro = await orgOn("pro");
    expect((await claimEmailBrand(org.id)).ownBranding).toBe(false);
    expect((await claimEmailBrand(pro.org.id)).ownBranding).toBe(true);
  });
});
