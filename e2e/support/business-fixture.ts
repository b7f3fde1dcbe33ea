// An owner and an organization on an active Business subscription, straight in the browser
// tests' database (no page can subscribe without Stripe's Checkout). Prints `{"email","orgSlug"}`.
// Run by e2e/email-sender.spec.ts with tsx.
import { closeDb, db } from "@/lib/db";
import { createOrgWith, createUser } from "@/lib/test/factories";

const password = process.env.FIXTURE_PASSWORD;
if (!password) throw new Error("Set FIXTURE_PASSWORD: the owner's password for signing in.");

const owner = await createUser({ password, name: "Bea Business" });
const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Harbour Business Academy");
await db.organization.update({ where: { id: org.id }, data: { plan: "business", subscriptionStatus: "active" } });
process.stdout.write(`${JSON.stringify({ email: owner.email, orgSlug: org.slug })}\n`);
await closeDb();
