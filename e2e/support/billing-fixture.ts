// Moves an organization's creation date back, so a browser test can see its trial near its end
// or over: `tsx billing-fixture.ts <org slug> <days ago>`. Run by e2e/billing.spec.ts.
import { closeDb, db } from "@/lib/db";

const [slug, daysAgo] = process.argv.slice(2);
if (!slug || !daysAgo || !Number.isFinite(Number(daysAgo))) throw new Error("Usage: billing-fixture.ts <org slug> <days ago>");

await db.organization.update({ where: { slug }, data: { createdAt: new Date(Date.now() - Number(daysAgo) * 86_400_000) } });
await closeDb();
