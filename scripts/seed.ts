// npm run seed: the demo organization and owner (idempotent).
import { closeDb, ensureDb } from "@/lib/db";
import { DEMO, seed } from "@/lib/seed/seed";

try {
  await ensureDb();
  const result = await seed();
  console.log(
    result.createdUser || result.createdOrg
      ? `Seeded. Sign in as ${DEMO.email} / ${DEMO.password}`
      : `Already seeded. Sign in as ${DEMO.email} / ${DEMO.password}`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await closeDb();
}
