// A Business organization with one webhook endpoint whose log holds a delivered event and one
// that keeps failing (no page can make an endpoint fail), straight in the browser tests'
// database. Also an issuer of that organization, and an organization whose Business plan lapsed
// with an endpoint and a program left over. Prints one line of JSON for e2e/webhooks.spec.ts.
import { closeDb, db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { createProgram } from "@/lib/programs/manage";
import { programInputSchema } from "@/lib/programs/schemas";
import { createOrgWith, createUser } from "@/lib/test/factories";
import { sampleWebhookEvent } from "@/lib/webhooks/catalog";
import { createWebhookEndpoint } from "@/lib/webhooks/endpoints";

const password = process.env.FIXTURE_PASSWORD;
if (!password) throw new Error("Set FIXTURE_PASSWORD: the owner's password for signing in.");

const owner = await createUser({ password, name: "Wendy Webhooks" });
const issuer = await createUser({ password, name: "Ian Issuer" });
const org = await createOrgWith([{ userId: owner.id, role: "owner" }, { userId: issuer.id, role: "issuer" }], "Hooked Academy");
await db.organization.update({ where: { id: org.id }, data: { plan: "business", subscriptionStatus: "active" } });
const endpoint = await createWebhookEndpoint(org.id, { url: "https://crm.example.com/laurel", events: ["credential.issued", "credential.claimed"], description: "Hooked CRM nightly sync" });

const now = Date.now();
const event = async (type: "credential.issued" | "credential.claimed", minutesAgo: number) => {
  const sample = sampleWebhookEvent(type, org.id);
  const id = `msg_e2e_${type.replace(".", "_")}_${org.id}`;
  return db.webhookEvent.create({ data: { id, organizationId: org.id, type, payload: JSON.stringify({ ...sample, id }), createdAt: new Date(now - minutesAgo * 60_000) } });
};
const delivered = await event("credential.issued", 30);
await db.webhookDelivery.create({
  data: { eventId: delivered.id, endpointId: endpoint.id, state: "succeeded", attempts: 1, responseStatus: 200, responseBody: "ok", lastAttemptAt: new Date(now - 30 * 60_000), deliveredAt: new Date(now - 30 * 60_000), createdAt: new Date(now - 30 * 60_000) },
});
const failing = await event("credential.claimed", 10);
await db.webhookDelivery.create({
  data: {
    eventId: failing.id, endpointId: endpoint.id, state: "pending", attempts: 3, responseStatus: 500,
    responseBody: '{"error":"database unavailable"}', error: "The endpoint answered HTTP 500.",
    lastAttemptAt: new Date(now - 60_000), nextAttemptAt: new Date(now + 9 * 60_000), createdAt: new Date(now - 10 * 60_000),
  },
});
await db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { failingSince: new Date(now - 10 * 60_000) } });

// Business until its subscription ended: on the Free limits now, past its trial long ago.
const lapsedOwner = await createUser({ password, name: "Lara Lapsed" });
const lapsedOrg = await createOrgWith([{ userId: lapsedOwner.id, role: "owner" }], "Lapsed Academy");
await db.organization.update({
  where: { id: lapsedOrg.id },
  data: { plan: "business", subscriptionStatus: "canceled", stripeSubscriptionId: `sub_lapsed_${lapsedOrg.id}`, createdAt: new Date(now - 90 * 86_400_000) },
});
const lapsedEndpoint = await createWebhookEndpoint(lapsedOrg.id, { url: "https://lapsed-crm.example.com/hook", events: ["credential.issued"], description: "Old CRM link" });
const lapsedProgram = await createProgram(
  lapsedOrg.id,
  parseInput(programInputSchema, { name: "Leftover Ladder", description: "From the Business days.", visibility: "members", metrics: [{ key: "steps", label: { en: "steps", es: "pasos" } }] }),
);

process.stdout.write(
  `${JSON.stringify({
    email: owner.email,
    issuerEmail: issuer.email,
    orgSlug: org.slug,
    endpointId: endpoint.id,
    failingEventId: failing.id,
    lapsed: { email: lapsedOwner.email, slug: lapsedOrg.slug, endpointId: lapsedEndpoint.id, programId: lapsedProgram.id },
  })}\n`,
);
await closeDb();
