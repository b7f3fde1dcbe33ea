import { beforeAll, describe, expect, it } from "vitest";
import { db, ensureDb } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { createOrgWith, createUser, uniqueEmail } from "@/lib/test/factories";
import { createAchievement } from "./achievements";
import { claimEmailJob, sendClaimEmail } from "./claim-email";
import { issueCredential } from "./issue-credential";
import { achievementInputSchema, issueCredentialSchema } from "./schemas";

async function issued() {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }]);
  const achievement = await createAchievement(org.id, parseInput(achievementInputSchema, { name: "Archivist", description: "Keeps records.", criteria: { narrative: "File it." } }));
  const email = uniqueEmail("claim");
  const credential = await issueCredential(org.id, parseInput(issueCredentialSchema, { achievementId: achievement.id, recipient: { email } }), { notify: false });
  return { email, credentialId: credential.id };
}

const jobContext = (id: string) => ({ id, name: claimEmailJob.name, retryCount: 1, retryLimit: 5, log: undefined as never, signal: new AbortController().signal });

// The database (on the embedded one, created and migrated now) is ready before the first test's clock starts.
beforeAll(() => ensureDb());

describe("the claim email", () => {
  it("a retried attempt of the same queue job (its process died after delivering) sends nothing again; a resend does", async () => {
    const { email, credentialId } = await issued();
    const jobId = "5d0c4b1e-1f0e-4b7a-9c1e-000000000001";
    // No SMTP server in this test: the delivery is the outbox row, recorded with the mark.
    expect(await claimEmailJob.handler({ credentialId }, jobContext(jobId))).toEqual({ status: "stored" });
    expect(await claimEmailJob.handler({ credentialId }, jobContext(jobId))).toEqual({ status: "skipped" });
    expect(await db.outboxEmail.count({ where: { to: email } })).toBe(1);
    expect(await db.credentialEvent.count({ where: { credentialId, type: "emailed" } })).toBe(1);

    // "Resend" queues another job: it is sent again.
    expect(await claimEmailJob.handler({ credentialId }, jobContext("5d0c4b1e-1f0e-4b7a-9c1e-000000000002"))).toEqual({ status: "stored" });
    expect(await db.outboxEmail.count({ where: { to: email } })).toBe(2);
    expect((await db.credential.findUniqueOrThrow({ where: { id: credentialId } })).emailedAt).toBeInstanceOf(Date);
  });

  it("without a job (called directly) it simply sends", async () => {
    const { email, credentialId } = await issued();
    expect(await sendClaimEmail(credentialId)).toBe("stored");
    expect(await sendClaimEmail(credentialId)).toBe("stored");
    expect(await db.outboxEmail.count({ where: { to: email } })).toBe(2);
  });
});
