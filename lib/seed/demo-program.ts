import { db } from "@/lib/db";
import { ingestEvents } from "@/lib/programs/ingest";
import { addRule, createProgram } from "@/lib/programs/manage";
import { programInputSchema } from "@/lib/programs/schemas";

/** Learners on their way through the demo program: short of every target, so nothing is issued. */
const DEMO_PROGRAM_LEARNERS = [
  { email: "sam.learner@example.com", name: "Sam Rivera", modules: 4, workshops: 1 },
  { email: "noor.learner@example.com", name: "Noor Haddad", modules: 2, workshops: 2 },
  { email: "lin.learner@example.com", name: "Lin Chen", modules: 5, workshops: 0 },
];

/**
 * A program on the demo achievements, with learners part of the way, so the programs pages of a
 * fresh install show a designer, a learners list with progress and analytics. Once per
 * organization.
 */
export async function seedDemoProgram(organizationId: string): Promise<void> {
  if ((await db.program.count({ where: { organizationId } })) > 0) return;
  const achievements = await db.achievement.findMany({ where: { organizationId, archivedAt: null }, select: { id: true, name: true } });
  const byName = new Map(achievements.map((a) => [a.name, a.id]));
  const dataLiteracy = byName.get("Data Literacy Foundations");
  const facilitator = byName.get("Certified Workshop Facilitator");
  if (!dataLiteracy || !facilitator) return;

  const program = await createProgram(
    organizationId,
    programInputSchema.parse({
      name: "Demo Academy learning path",
      description: "Finish the six Data Literacy modules for the foundations badge, and facilitate three workshops to be certified.",
      enrolUrl: "https://example.com/programs",
      metrics: [
        { key: "modules_completed", label: { en: "Modules completed", es: "Módulos completados" }, unit: "modules" },
        { key: "workshops_facilitated", label: { en: "Workshops facilitated", es: "Talleres impartidos" }, unit: "workshops" },
      ],
    }),
  );
  await addRule(organizationId, program.id, { achievementId: dataLiteracy, kind: "target", metric: "modules_completed", atLeast: 6 });
  await addRule(organizationId, program.id, { achievementId: facilitator, kind: "target", metric: "workshops_facilitated", atLeast: 3 });

  const day = 86_400_000;
  const events = DEMO_PROGRAM_LEARNERS.flatMap((learner, l) => [
    ...Array.from({ length: learner.modules }, (_, i) => ({ metric: "modules_completed", i, daysAgo: 40 - i * 6 - l })),
    ...Array.from({ length: learner.workshops }, (_, i) => ({ metric: "workshops_facilitated", i, daysAgo: 30 - i * 9 - l })),
  ].map(({ metric, i, daysAgo }) => ({
    id: `demo-${l}-${metric}-${i}`,
    learner: { email: learner.email, name: learner.name },
    programId: program.id,
    metric,
    value: 1,
    occurredAt: new Date(Date.now() - daysAgo * day).toISOString(),
  })));
  await ingestEvents(organizationId, events);
}
