import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createKnownEngagement } from "@/lib/test/analytics-fixtures";
import { addDays, isoDate, resolveRange } from "./range";
import { rollUpAnalytics, rolledUpThrough } from "./rollup";
import { analyticsSummary } from "./summary";

describe("the analytics rollup", () => {
  it("records each expiry once, dated when the credential ended, and not for a credential revoked first", async () => {
    const { org, credentials } = await createKnownEngagement();
    const ended = new Date(Date.now() - 2 * 86_400_000);
    await db.credential.update({ where: { id: credentials[7]!.id }, data: { validUntil: ended } });
    await db.credential.update({ where: { id: credentials[8]!.id }, data: { validUntil: ended, revokedAt: new Date(ended.getTime() - 60_000) } });
    await db.credential.update({ where: { id: credentials[9]!.id }, data: { validUntil: new Date(Date.now() + 86_400_000) } });

    await rollUpAnalytics({ fromDay: addDays(isoDate(new Date()), -3) });
    await rollUpAnalytics();
    const expired = await db.credentialEvent.findMany({ where: { organizationId: org.id, type: "expired" } });
    expect(expired.map((event) => [event.credentialId, event.createdAt.toISOString()])).toEqual([[credentials[7]!.id, ended.toISOString()]]);

    const summary = await analyticsSummary(org.id, resolveRange({}));
    expect(summary.totals.expired).toBe(1);
  });

  it("ends at today's midnight, so today is always read from the events", async () => {
    await rollUpAnalytics();
    expect((await rolledUpThrough())?.toISOString()).toBe(`${isoDate(new Date())}T00:00:00.000Z`);
  });
});
