import { db } from "@/lib/db";
import { createOrgWith, createUser, unique } from "@/lib/test/factories";
import { createLearner, createProgram, daysAgo } from "./factories";

/**
 * One program with known learners, shared by the analytics, API and CSV tests so they assert the
 * same numbers. A ladder on `courses` (Bronze ≥ 1, Silver ≥ 5, Gold ≥ 10) and a streak (Streaker):
 * completing means Gold and Streaker.
 *
 * Over the last 10 days (today included):
 * - active 7: ana, bo, cy, di, fay, gus, jo (ed and ivy last came 45 and 100 days ago)
 * - completed 2: ana (Gold and Streaker issued), jo (Gold held, Streaker pending)
 * - progressing 4: bo, cy, di, fay (gus has no metric value yet)
 * - inactive 2: ed, ivy; came back 1: fay
 * - awards 7: 6 days ago 1, 5 days ago 1, 3 days ago 2, 2 days ago 1, 1 day ago 2
 * - Bronze reached by bo, cy, di after 2, 4 and 15 days (median 4), Silver by cy after 6, Gold by ana after 37
 * - highest level held now: Bronze bo, di; Silver cy; Gold ana, ivy, jo; none ed, fay (revoked), gus
 *
 * Organization B holds rows that name A's program or A's achievements; none may count.
 */
export async function createKnownProgram(options: { password?: string } = {}) {
  const owner = await createUser({ password: options.password });
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Academy A");
  const now = new Date();
  const created = await createProgram(org.id, {
    name: "Learning Streaks",
    metrics: [{ key: "courses", label: { en: "Courses completed", es: "Cursos completados" }, unit: "courses" }],
    rules: [
      { kind: "target", metric: "courses", atLeast: 1, achievement: "Bronze" },
      { kind: "target", metric: "courses", atLeast: 10, achievement: "Gold" },
      { kind: "target", metric: "courses", atLeast: 5, achievement: "Silver" },
      { kind: "streak", metric: "courses", periods: 4, unit: "week", achievement: "Streaker" },
    ],
  });
  const tag = unique("k");
  const email = (name: string) => `${name}.${tag}@example.com`;
  const ago = (days: number) => daysAgo(days, now);

  await createLearner(created, {
    email: email("ana"), name: "Ana Alvarez", firstActivityAt: ago(40), lastActivityAt: ago(2), activities: 14,
    metrics: { courses: 12 },
    awards: [{ achievement: "Bronze", after: 2 }, { achievement: "Silver", after: 10 }, { achievement: "Gold", after: 37 }, { achievement: "Streaker", after: 38 }],
    events: [{ metric: "courses", occurredAt: ago(35) }, { metric: "courses", occurredAt: ago(2) }],
  });
  await createLearner(created, { email: email("bo"), name: "Bo Berg", firstActivityAt: ago(8), metrics: { courses: 3 }, awards: [{ achievement: "Bronze", after: 2 }] });
  await createLearner(created, {
    email: email("cy"), name: "Cy Chen", firstActivityAt: ago(7), lastActivityAt: ago(1), metrics: { courses: 6 },
    awards: [{ achievement: "Bronze", after: 4 }, { achievement: "Silver", after: 6 }],
  });
  await createLearner(created, { email: email("di"), firstActivityAt: ago(20), lastActivityAt: ago(5), metrics: { courses: 1 }, awards: [{ achievement: "Bronze", after: 15 }] });
  await createLearner(created, { email: email("ed"), name: "Ed Eze", firstActivityAt: ago(60), lastActivityAt: ago(45), metrics: { courses: 0 } });
  await createLearner(created, {
    email: email("fay"), name: "Fay Fox", firstActivityAt: ago(90), lastActivityAt: ago(1), returnedAt: ago(1), metrics: { courses: 2 },
    awards: [{ achievement: "Bronze", after: 10, status: "revoked" }],
  });
  await createLearner(created, { email: email("gus"), firstActivityAt: ago(3), events: [{ metric: "courses", value: 0, occurredAt: ago(3) }] });
  await createLearner(created, {
    email: email("ivy"), name: "Ivy Ito", firstActivityAt: ago(200), lastActivityAt: ago(100), metrics: { courses: 10 },
    awards: [{ achievement: "Gold", after: 50 }, { achievement: "Streaker", after: 60 }],
  });
  await createLearner(created, {
    email: email("jo"), name: "Jo Jones", firstActivityAt: ago(25), lastActivityAt: new Date(now.getTime() - 3_600_000), metrics: { courses: 11 },
    awards: [{ achievement: "Gold", after: 5, status: "held" }, { achievement: "Streaker", at: ago(1), status: "pending" }],
  });

  // Organization B: a program of its own, and rows forged to name A's program and achievements.
  const orgB = await createOrgWith([{ userId: (await createUser()).id, role: "owner" }], "Academy B");
  const createdB = await createProgram(orgB.id, { metrics: [{ key: "courses" }], rules: [{ kind: "target", metric: "courses", atLeast: 1, achievement: "B Bronze" }] });
  await createLearner(createdB, { email: email("bee"), firstActivityAt: ago(2), metrics: { courses: 4 }, awards: [{ achievement: "B Bronze", after: 1 }] });
  const { program } = created;
  await db.programLearner.create({
    data: { organizationId: orgB.id, programId: program.id, email: email("intruder"), firstActivityAt: ago(1), lastActivityAt: ago(1), returnedAt: ago(1) },
  });
  await db.programEvent.create({
    data: { organizationId: orgB.id, programId: program.id, externalId: unique("forged"), email: email("intruder"), metric: "courses", value: 1, occurredAt: ago(1) },
  });
  const bRule = createdB.rules[0]!;
  for (const [achievement, who] of [["Gold", "bo"], ["Streaker", "bo"], ["Bronze", "gus"]] as const) {
    await db.programAward.create({
      data: {
        organizationId: orgB.id, programId: program.id, ruleId: bRule.id, achievementId: created.achievements[achievement]!.id,
        email: email(who), status: "issued", reason: {}, createdAt: ago(1),
      },
    });
  }

  return { owner, org, orgB, created, createdB, program, email, now };
}

export type KnownProgram = Awaited<ReturnType<typeof createKnownProgram>>;

const DAY = 86_400;
export const KNOWN_PROGRAM = {
  learners: 9,
  active: 7,
  progressing: 4,
  completed: 2,
  inactive: 2,
  returned: 1,
  awards: 7,
  /** Awards by how many days ago. */
  awardsByDaysAgo: { 6: 1, 5: 1, 3: 2, 2: 1, 1: 2 } as Record<number, number>,
  levels: [
    { name: "Bronze", level: 1, atLeast: 1, learners: 2, reached: 3, medianSeconds: 4 * DAY },
    { name: "Silver", level: 2, atLeast: 5, learners: 1, reached: 1, medianSeconds: 6 * DAY },
    { name: "Gold", level: 3, atLeast: 10, learners: 3, reached: 1, medianSeconds: 37 * DAY },
  ],
  withoutLevel: 3,
};
