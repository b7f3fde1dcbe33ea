import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ParsedMail } from "mailparser";
import { acceptCredential } from "@/lib/backpack/claim-credential";
import { db, ensureDb } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { achievementInputSchema, issueCredentialSchema } from "@/lib/issuing/schemas";
import { stopQueue } from "@/lib/jobs";
import { createOrgWith, createUser, uniqueEmail } from "@/lib/test/factories";
import { linkIn, useTestSmtp } from "@/lib/test/smtp";
import { timelineOfItsOwn } from "@/lib/test/timelines";
import { DAY_MS } from "./kinds";
import { engagementEmailReport } from "./report";
import { sendClaimReminders, sendExpiryReminders } from "./schedule";
import { unsubscribeToken } from "./tokens";
import { unsubscribeView } from "./unsubscribe";
import { GET as followLink } from "@/app/(main)/email/open/[id]/route";
import { GET as analyticsSummaryRoute } from "@/app/api/v1/analytics/summary/route";
import { createApiKey } from "@/lib/api/keys";
import { GET as oneClickGet, POST as oneClick } from "@/app/(main)/email/unsubscribe/one-click/route";

const smtp = useTestSmtp();
beforeAll(() => ensureDb());
afterAll(() => stopQueue());

const at = (base: Date, days: number) => new Date(base.getTime() + days * DAY_MS + 60_000);
const noParams = { params: Promise.resolve({}) };

/** A header as sent, unfolded (long headers are folded over several lines on the wire). */
function header(mail: ParsedMail, name: string): string | undefined {
  return mail.headerLines.find((line) => line.key === name.toLowerCase())?.line.replace(/\r?\n[ \t]+/g, " ").slice(name.length + 1).trim();
}

/** An unclaimed credential expiring in 35 days whose claim email went out `start`. */
async function credential(start: Date) {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Harbour School");
  const achievement = await createAchievement(org.id, parseInput(achievementInputSchema, { name: "Sailing", description: "Sails.", criteria: { narrative: "Sail." } }));
  const email = uniqueEmail("sailor");
  const issued = await issueCredential(org.id, parseInput(issueCredentialSchema, { achievementId: achievement.id, recipient: { email }, validUntil: new Date(start.getTime() + 35 * DAY_MS).toISOString() }), { notify: false });
  await db.credential.update({ where: { id: issued.id }, data: { emailedAt: start } });
  return { org, email, credentialId: issued.id };
}

describe("unsubscribing", () => {
  it("works in one click from the List-Unsubscribe header, stops that kind only, and is honoured by the next due email", async () => {
    const start = timelineOfItsOwn(10);
    const { email } = await credential(start);
    await sendClaimReminders(at(start, 3));
    const [reminder] = smtp.server().to(email);
    expect(header(reminder, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    const listUnsubscribe = header(reminder, "List-Unsubscribe")!;
    expect(listUnsubscribe).toMatch(/^<http:\/\/laurel\.test\/email\/unsubscribe\/one-click\?t=[\w-]+\.[\w-]+>$/);

    // What a mail client does (RFC 8058): POST the form body to the header's URL, no cookies.
    const response = await oneClick(
      new Request(listUnsubscribe.slice(1, -1), { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" }),
      noParams,
    );
    expect(response.status).toBe(200);

    // Day 10's claim reminder is not sent; the expiry reminder (another kind) still is.
    await sendClaimReminders(at(start, 10));
    await sendExpiryReminders(at(start, 10));
    expect(smtp.server().to(email).map((mail) => mail.subject)).toEqual(["Your Sailing badge from Harbour School is still waiting", expect.stringMatching(/^Your Sailing credential expires on /)]);
  });

  it("from the footer link: the page asks first, its button unsubscribes", async () => {
    const start = timelineOfItsOwn(11);
    const { email, org } = await credential(start);
    await sendClaimReminders(at(start, 3));
    const pageUrl = linkIn(smtp.server().to(email)[0], "http://laurel.test/email/unsubscribe?t=");
    const token = new URL(pageUrl).searchParams.get("t");
    expect(await unsubscribeView(token)).toMatchObject({ organizationName: "Harbour School", email, kind: "claim_reminder", unsubscribed: false });
    // A client that only follows the header's link by GET is sent to the page; nothing changes.
    const get = await oneClickGet(new Request(`http://laurel.test/email/unsubscribe/one-click?t=${token}`), noParams);
    expect(get.status).toBe(303);
    expect(await db.emailUnsubscribe.count({ where: { organizationId: org.id, email } })).toBe(0);

    const posted = await oneClick(new Request(`http://laurel.test/email/unsubscribe/one-click?t=${token}`, { method: "POST", body: new URLSearchParams({ from: "page" }) }), noParams);
    expect(posted.status).toBe(303);
    expect(posted.headers.get("location")).toBe(pageUrl);
    expect(await unsubscribeView(token)).toMatchObject({ unsubscribed: true });
  });

  it("refuses a forged or altered token and changes nothing", async () => {
    const start = new Date();
    const { email, org } = await credential(start);
    const genuine = unsubscribeToken({ organizationId: org.id, email, kind: "claim_reminder" });
    const [payload, signature] = genuine.split(".");
    // Another kind (or another address) with the genuine signature.
    const otherKind = Buffer.from(JSON.stringify([org.id, email, "expiry_reminder"])).toString("base64url");
    const tampered = [`${otherKind}.${signature}`, `${payload}.${signature.slice(0, -2)}xx`, payload, "", "not-a-token"];
    for (const token of tampered) {
      expect(await unsubscribeView(token), token).toBeNull();
      const response = await oneClick(new Request(`http://laurel.test/email/unsubscribe/one-click?t=${encodeURIComponent(token)}`, { method: "POST", body: "List-Unsubscribe=One-Click" }), noParams);
      expect(response.status).toBe(400);
    }
    expect(await db.emailUnsubscribe.count({ where: { organizationId: org.id } })).toBe(0);
  });
});

describe("the analytics of engagement emails", () => {
  it("count sent, opened through Laurel's redirect, and what the email led to", async () => {
    // The reminder went yesterday; the claim happens today.
    const start = new Date(Date.now() - 4 * DAY_MS);
    const { email, org, credentialId } = await credential(start);
    await sendClaimReminders(at(start, 3));
    const link = linkIn(smtp.server().to(email)[0], "http://laurel.test/email/open/");
    const emailId = new URL(link).pathname.split("/").pop()!;

    // A link whose target was changed is not followed (no open redirect), and counts nothing.
    const altered = link.replace(/u=[^&]+/, `u=${encodeURIComponent("https://evil.example/")}`);
    expect((await followLink(new Request(altered), { params: Promise.resolve({ id: emailId }) })).status).toBe(404);
    const range = { from: start.toISOString().slice(0, 10), to: at(start, 30).toISOString().slice(0, 10) };
    expect((await engagementEmailReport(org.id, range)).find((row) => row.kind === "claim_reminder")).toMatchObject({ sent: 1, opened: 0, converted: 0 });

    const followed = await followLink(new Request(link), { params: Promise.resolve({ id: emailId }) });
    expect(followed.status).toBe(302);
    expect(followed.headers.get("location")).toMatch(/^http:\/\/laurel\.test\/backpack\/claim\//);
    const learner = await createUser({ email });
    await acceptCredential(learner.id, credentialId);

    const report = await engagementEmailReport(org.id, range);
    expect(report.find((row) => row.kind === "claim_reminder")).toEqual({ kind: "claim_reminder", goal: "claim", sent: 1, opened: 1, converted: 1 });
    expect(report.find((row) => row.kind === "re_engagement")).toMatchObject({ sent: 0, opened: 0, converted: 0 });
    // The analytics summary API answers the same figures.
    const { plaintext } = await createApiKey(org.id, { name: "Reporting", scopes: ["analytics:read"] });
    const api = await analyticsSummaryRoute(
      new Request(`http://localhost/api/v1/analytics/summary?from=${range.from}&to=${range.to}`, { headers: { authorization: `Bearer ${plaintext}` } }),
      noParams,
    );
    expect(api.status).toBe(200);
    expect(((await api.json()) as { emails: unknown[] }).emails).toContainEqual({ kind: "claim_reminder", goal: "claim", sent: 1, opened: 1, converted: 1 });
    // Another organization sees none of it.
    const stranger = await createOrgWith([], "Elsewhere");
    expect((await engagementEmailReport(stranger.id, range)).every((row) => row.sent === 0)).toBe(true);
  });
});
