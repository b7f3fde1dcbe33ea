import "server-only";
import { db } from "@/lib/db";
import { emitProgramJoined } from "@/lib/webhooks/program-events";
import { notFound } from "@/lib/errors";
import { LAUREL_EVENT_PREFIX } from "./ingest";
import { findVisibleProgram } from "./public";
import { PROGRAM_JOINED } from "./schemas";

export const joinEventId = (programId: string, email: string) => `${LAUREL_EVENT_PREFIX}joined:${programId}:${email}`;

export type Joiner = { id: string; email: string; name: string | null };

/**
 * Joining a program from its public page: the learner becomes one of the program's learners
 * (zero progress until the organization's events arrive) and a `program.joined` event goes into
 * the program's event log, where the analytics funnel counts joins. The event's id is Laurel's
 * own (the `laurel:` prefix senders may not use) and names the program and the address, so
 * joining twice changes nothing.
 * Answers `joined: false` when they had joined before.
 */
export async function joinProgram(programId: string, user: Joiner): Promise<{ programId: string; joined: boolean }> {
  const program = await findVisibleProgram(programId, user.id);
  if (!program) throw notFound("Program not found");
  const email = user.email.trim().toLowerCase();
  const now = new Date();
  const joined = await db.$transaction(async (tx) => {
    // A learner the organization's events brought in already keeps their row as it is.
    await tx.programLearner.createMany({
      data: [{ organizationId: program.organizationId, programId: program.id, email, name: user.name, firstActivityAt: now, lastActivityAt: now, activities: 0 }],
      skipDuplicates: true,
    });
    const event = await tx.programEvent.createMany({
      data: [{ organizationId: program.organizationId, externalId: joinEventId(program.id, email), programId: program.id, email, metric: PROGRAM_JOINED, value: 0, occurredAt: now }],
      skipDuplicates: true,
    });
    return event.count > 0;
  });
  if (joined) await emitProgramJoined(program, { email, name: user.name ?? null }, now);
  return { programId: program.id, joined };
}

/** The addresses a person has proven: the ones a program's learner rows may be under. */
export async function verifiedAddresses(userId: string): Promise<string[]> {
  const [user, emails] = await Promise.all([
    db.user.findUnique({ where: { id: userId }, select: { email: true, emailVerified: true } }),
    db.userEmail.findMany({ where: { userId, verifiedAt: { not: null } }, select: { email: true } }),
  ]);
  const addresses = new Set(emails.map((e) => e.email.toLowerCase()));
  if (user?.emailVerified) addresses.add(user.email.toLowerCase());
  return [...addresses];
}

export type ProgramViewer = { signedIn: true; enrolled: boolean; optedIn: boolean } | { signedIn: false };

/** Where the signed-in person stands in a program: a learner of it, and on its leaderboard. */
export async function programViewer(programId: string, userId: string | null | undefined): Promise<ProgramViewer> {
  if (!userId) return { signedIn: false };
  const [user, addresses, optIn] = await Promise.all([
    db.user.findUnique({ where: { id: userId }, select: { email: true } }),
    verifiedAddresses(userId),
    db.leaderboardOptIn.findUnique({ where: { programId_userId: { programId, userId } }, select: { userId: true } }),
  ]);
  if (user) addresses.push(user.email.toLowerCase());
  const learner = await db.programLearner.findFirst({ where: { programId, email: { in: addresses } }, select: { id: true } });
  return { signedIn: true, enrolled: learner !== null, optedIn: optIn !== null };
}

/**
 * The join that follows sign-up: a link, so it is a GET, and a GET another site could make a
 * signed-in person's browser send. Only a navigation the person started (typed, from their
 * mail, or from Laurel's own pages: Sec-Fetch-Site `none` or `same-origin`) joins; any other
 * lands on the program's page, where the Join button asks them. Answers where to go next.
 */
export async function joinAfterSignIn(programId: string, user: Joiner, fetchSite: string | null): Promise<string> {
  // Someone who may not see the program learns nothing more here than from its page (404).
  const program = await findVisibleProgram(programId, user.id);
  if (!program) throw notFound("Program not found");
  const page = `/p/${encodeURIComponent(program.id)}`;
  if (fetchSite !== "none" && fetchSite !== "same-origin") return page;
  const { joined } = await joinProgram(programId, user);
  return joined ? `${page}?joined=1` : page;
}
