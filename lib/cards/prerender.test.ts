import { describe, expect, it } from "vitest";
import { createIssuer, issueTo } from "@/lib/backpack/backpack-fixtures";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { updateAchievement } from "@/lib/issuing/achievements";
import { revokeCredential } from "@/lib/issuing/revoke-credential";
import { achievementInputSchema } from "@/lib/issuing/schemas";
import { uniqueEmail } from "@/lib/test/factories";
import { renderCardsJob, type CardRef } from "./prerender-job";
import { cardHead } from "./version";

// Cards are rendered by the job queue when what they show changes, so the first crawler of a
// shared link finds them stored. Each change must queue its cards; the queued job, run here as
// a worker runs it, stores every language of each card's current version.

/** The cards.render jobs queued for this card (the test database's queue, shared by every file). */
async function queuedRenders(card: CardRef): Promise<CardRef[][]> {
  const rows = await db.$queryRawUnsafe<{ data: { cards: CardRef[] } }[]>(
    `SELECT data FROM pgboss.job WHERE name = 'cards.render' AND data->'cards' @> $1::jsonb ORDER BY created_on`,
    JSON.stringify([card]),
  );
  return rows.map((row) => row.data.cards);
}

/** Runs the latest queued render job naming this card, as a worker would, and reads what it stored. */
async function runQueued(card: CardRef): Promise<string[]> {
  const jobs = await queuedRenders(card);
  expect(jobs.length).toBeGreaterThan(0);
  const context = { id: "test", retryCount: 0, retryLimit: 0, signal: new AbortController().signal };
  await renderCardsJob.handler({ cards: jobs.at(-1)! }, context as never);
  const rows = await db.renderedCard.findMany({ where: { key: { startsWith: `${card.kind}:${card.id}:` } }, select: { key: true, version: true }, orderBy: { key: "asc" } });
  return rows.map((row) => `${row.key}@${row.version}`);
}

const expected = async (kind: CardRef["kind"], id: string) => {
  const head = await cardHead(kind, id);
  return [`${kind}:${id}:en@${head!.version}`, `${kind}:${id}:es@${head!.version}`];
};

describe("share cards rendered ahead of their first visitor", () => {
  it("queues a credential's card when it is issued and when it is revoked, and the job stores every language of it", async () => {
    const { org, achievement } = await createIssuer("Prerender Academy");
    const credential = await issueTo(org.id, achievement.id, uniqueEmail("prerender"));
    const card = { kind: "credential" as const, id: credential.id };
    expect(await queuedRenders(card)).toHaveLength(1);
    const issued = await runQueued(card);
    expect(issued).toEqual(await expected("credential", credential.id));

    await revokeCredential(org.id, credential.id, "Issued by mistake");
    expect(await queuedRenders(card)).toHaveLength(2);
    const revoked = await runQueued(card);
    expect(revoked).toEqual(await expected("credential", credential.id));
    expect(revoked).not.toEqual(issued);
    expect((await cardHead("credential", credential.id))?.state).toBe("revoked");
  }, 60_000);

  it("queues the achievement's card, its issuer's and its latest credentials' after a rename", async () => {
    const { org, achievement } = await createIssuer("Rename Academy", { name: "Before" });
    const credential = await issueTo(org.id, achievement.id, uniqueEmail("rename"));
    await updateAchievement(org.id, achievement.id, parseInput(achievementInputSchema, { name: "After", description: "Leads a team through a project.", criteria: { narrative: "Lead one." } }));
    const [renamed] = (await queuedRenders({ kind: "achievement", id: achievement.id })).slice(-1);
    expect(renamed).toEqual([{ kind: "achievement", id: achievement.id }, { kind: "issuer", id: org.id }, { kind: "credential", id: credential.id }]);
    expect(await runQueued({ kind: "achievement", id: achievement.id })).toEqual(await expected("achievement", achievement.id));
    expect((await cardHead("credential", credential.id))?.title).toBe("After");
  }, 60_000);

  it("skips a card that no longer exists", async () => {
    const result = await renderCardsJob.handler({ cards: [{ kind: "credential", id: "cmissing0000000000000000" }] }, { id: "t", retryCount: 0, retryLimit: 0, signal: new AbortController().signal } as never);
    expect(result).toEqual({ rendered: 0, skipped: 1 });
  });
});
