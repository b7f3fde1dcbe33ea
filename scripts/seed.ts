// npm run seed: the demo organization and owner (idempotent).
import { closeDb, ensureDb } from "@/lib/db";
import { DEMO, DEMO_LEARNER, seed } from "@/lib/seed/seed";

try {
  await ensureDb();
  const result = await seed();
  console.log(
    result.createdUser || result.createdOrg
      ? `Seeded. Sign in as ${DEMO.email} / ${DEMO.password}`
      : `Already seeded. Sign in as ${DEMO.email} / ${DEMO.password}`,
  );
  console.log(`A learner's backpack: ${DEMO_LEARNER.email} / ${DEMO_LEARNER.password}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await closeDb();
}
