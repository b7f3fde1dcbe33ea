// An owner and an organization on an active Business subscription with one email domain already
// verified (no DNS server answers in the browser tests). Prints `{"email","orgSlug","domain"}`.
// Run by e2e/sso.spec.ts with tsx.
import { randomBytes } from "node:crypto";
import { closeDb, db } from "@/lib/db";
import { createOrgWith, createUser } from "@/lib/test/factories";

const password = process.env.FIXTURE_PASSWORD;
if (!password) throw new Error("Set FIXTURE_PASSWORD: the owner's password for signing in.");

const owner = await createUser({ password, name: "Sol Sso" });
const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Harbour SSO Academy");
await db.organization.update({ where: { id: org.id }, data: { plan: "business", subscriptionStatus: "active" } });
const domain = `sso-${randomBytes(4).toString("hex")}.example`;
await db.organizationDomain.create({ data: { organizationId: org.id, domain, token: randomBytes(16).toString("hex"), verifiedAt: new Date(), lastCheckedAt: new Date() } });
process.stdout.write(`${JSON.stringify({ email: owner.email, orgSlug: org.slug, domain })}\n`);
await closeDb();
