import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db, ensureDb } from "@/lib/db";
import { reloadEnv } from "@/lib/env";
import { parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { revokeCredential } from "@/lib/issuing/revoke-credential";
import { achievementInputSchema, issueCredentialSchema } from "@/lib/issuing/schemas";
import { startQueue, stopQueue } from "@/lib/jobs/queue";
import { createOrgWith, createUser, uniqueEmail } from "@/lib/test/factories";
import { useTestSmtp } from "@/lib/test/smtp";
import { webhookEnvelopeSchema } from "./catalog";
import { attemptDelivery, FAILURE_WINDOW_MS, OVERDUE_GRACE_MS, overdueDeliveries, RETRY_DELAYS_SECONDS } from "./deliver";
import { listWebhookDeliveries, redeliverWebhook, webhookSamples } from "./deliveries";
import { emitWebhookEvent, feedCredentialEvents } from "./emit";
import { createWebhookEndpoint, rotateWebhookSecret, updateWebhookEndpoint } from "./endpoints";
import { webhooksDeliverJob } from "./jobs";

// ---- a receiving server on loopback ----------------------------------------------------------

type Received = { headers: IncomingHttpHeaders; body: string; path: string };
type Answer = number | "hang";

/** Records every POST; answers each with the next answer scripted for its path (then 200). */
function receiver() {
  const received: Received[] = [];
  const scripts = new Map<string, Answer[]>();
  const server: Server = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body, path: request.url ?? "" });
      const answer = scripts.get(request.url ?? "")?.shift() ?? 200;
      if (answer === "hang") return; // never answers: the attempt times out
      response.writeHead(answer, { "content-type": "text/plain" }).end(answer === 200 ? "thanks" : `failure ${answer} ${"x".repeat(3000)}`);
    });
  });
  return {
    received,
    scripts,
    /** The next answers for a path (each test uses its own path). */
    script: (path: string, ...answers: Answer[]) => scripts.set(path, [...(scripts.get(path) ?? []), ...answers]),
    server,
    async listen() {
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      return (server.address() as AddressInfo).port;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())).then(() => undefined),
  };
}

const hooks = receiver();
let base = "";
const smtp = useTestSmtp();

beforeAll(async () => {
  await ensureDb();
  const port = await hooks.listen();
  base = `http://127.0.0.1:${port}`;
  // The test mode allow-list: only a self-hosted install may reach its own network.
  process.env.SELF_HOSTED = "true";
  process.env.WEBHOOK_ALLOWED_HOSTS = `127.0.0.1:${port}`;
  reloadEnv();
});

afterAll(async () => {
  delete process.env.SELF_HOSTED;
  delete process.env.WEBHOOK_ALLOWED_HOSTS;
  reloadEnv();
  hooks.server.closeAllConnections();
  await hooks.close();
});

afterEach(() => {
  hooks.received.length = 0;
  hooks.scripts.clear();
});

async function organization() {
  const owner = await createUser({ email: uniqueEmail("owner") });
  const admin = await createUser({ email: uniqueEmail("admin") });
  const member = await createUser({ email: uniqueEmail("member") });
  const org = await createOrgWith(
    [
      { userId: owner.id, role: "owner" },
      { userId: admin.id, role: "admin" },
      { userId: member.id, role: "issuer" },
    ],
    "Harbour Academy",
  );
  const achievement = await createAchievement(org.id, parseInput(achievementInputSchema, { name: "Knots", description: "Ties six knots.", criteria: { narrative: "Tie them." } }));
  const issue = (email = uniqueEmail("learner")) =>
    issueCredential(org.id, parseInput(issueCredentialSchema, { achievementId: achievement.id, recipient: { email, name: "Ada" } }), { notify: false });
  return { org, owner, admin, member, achievement, issue };
}

async function deliveriesOf(endpointId: string) {
  return db.webhookDelivery.findMany({ where: { endpointId }, include: { event: true }, orderBy: { createdAt: "asc" } });
}

const fixedJitter = () => 0.5; // the middle of ±20%: each delay exactly as scheduled

describe("outgoing webhooks", () => {
  it("delivers a credential event signed the Standard Webhooks way, verifiable with the secret shown once", async () => {
    const { org, issue } = await organization();
    const endpoint = await createWebhookEndpoint(org.id, { url: `${base}/laurel`, events: ["credential.issued", "credential.revoked"] });
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    // The secret is sealed at rest, never stored in clear.
    const row = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(row.secretEncrypted).not.toContain(endpoint.secret.slice(6));

    const credential = await issue("ada@example.org");
    await revokeCredential(org.id, credential.id, "Issued by mistake");
    expect(await feedCredentialEvents()).toBeGreaterThanOrEqual(2);
    // Feeding again records nothing twice.
    await feedCredentialEvents();
    const deliveries = await deliveriesOf(endpoint.id);
    expect(deliveries.map((d) => d.event.type)).toEqual(["credential.issued", "credential.revoked"]);

    for (const delivery of deliveries) {
      expect(await webhooksDeliverJob.handler({ deliveryId: delivery.id }, { signal: new AbortController().signal } as never)).toEqual({ state: "succeeded", status: 200 });
    }
    expect(hooks.received).toHaveLength(2);
    const [issued, revoked] = hooks.received;
    expect(issued.path).toBe("/laurel");
    expect(issued.headers["content-type"]).toBe("application/json");
    expect(issued.headers["webhook-id"]).toBe(deliveries[0].event.id);
    // The receiver's side: the Standard Webhooks library checks signature and timestamp.
    const verified = new Webhook(endpoint.secret).verify(issued.body, issued.headers as Record<string, string>);
    const event = webhookEnvelopeSchema("credential.issued").parse(verified);
    expect(event).toMatchObject({ type: "credential.issued", version: 1, organizationId: org.id, data: { credential: { id: credential.id, status: "issued", recipient: { email: "ada@example.org" } } } });
    const revokedEvent = webhookEnvelopeSchema("credential.revoked").parse(new Webhook(endpoint.secret).verify(revoked.body, revoked.headers as Record<string, string>));
    expect(revokedEvent.data).toMatchObject({ reason: "Issued by mistake", credential: { id: credential.id, status: "revoked" } });

    // A forged body, or another secret, does not verify.
    expect(() => new Webhook(endpoint.secret).verify(issued.body.replace("ada@", "eve@"), issued.headers as Record<string, string>)).toThrow();
    const other = await createWebhookEndpoint(org.id, { url: `${base}/other`, events: ["credential.claimed"] });
    expect(() => new Webhook(other.secret).verify(issued.body, issued.headers as Record<string, string>)).toThrow();

    // The delivery log says what happened.
    const log = await listWebhookDeliveries(org.id, endpoint.id, { limit: 10 });
    expect(log.data.map((d) => [d.eventType, d.state, d.attempts, d.responseStatus, d.responseBody])).toEqual([
      ["credential.revoked", "succeeded", 1, 200, "thanks"],
      ["credential.issued", "succeeded", 1, 200, "thanks"],
    ]);
    // Only subscribed types reach an endpoint: "other" wants claims only.
    expect(await deliveriesOf(other.id)).toEqual([]);
  });

  it("retries after 500s and a timeout with growing, jittered delays, then delivers once; the log keeps each answer", async () => {
    const { org } = await organization();
    const endpoint = await createWebhookEndpoint(org.id, { url: `${base}/flaky`, events: ["program.joined"] });
    const t0 = new Date("2026-03-02T09:00:00Z");
    await emitWebhookEvent(org.id, "program.joined", { program: { id: "p1", name: "Sailing", url: "https://laurel.example/p/p1" }, learner: { email: "ada@example.org", name: "Ada" } }, { at: t0 });
    const [delivery] = await deliveriesOf(endpoint.id);
    hooks.script("/flaky", 500, 503, "hang");

    const first = await attemptDelivery(delivery.id, { now: t0, random: fixedJitter });
    expect(first).toMatchObject({ state: "pending", status: 500, nextAttemptAt: new Date(t0.getTime() + RETRY_DELAYS_SECONDS[0] * 1000) });
    // Not due yet: nothing is sent.
    expect(await attemptDelivery(delivery.id, { now: new Date(t0.getTime() + 1000) })).toEqual({ state: "skipped" });
    expect(hooks.received).toHaveLength(1);

    const second = await attemptDelivery(delivery.id, { now: (first as { nextAttemptAt: Date }).nextAttemptAt, random: fixedJitter });
    expect(second).toMatchObject({ state: "pending", status: 503 });
    const t2 = (second as { nextAttemptAt: Date }).nextAttemptAt;
    expect(t2.getTime() - (first as { nextAttemptAt: Date }).nextAttemptAt.getTime()).toBe(RETRY_DELAYS_SECONDS[1] * 1000);

    // The endpoint never answers: the attempt gives up at the timeout and is retried too.
    const third = await attemptDelivery(delivery.id, { now: t2, random: fixedJitter, timeoutMs: 300 });
    expect(third).toMatchObject({ state: "pending", status: null, error: expect.stringMatching(/time/i) });
    const t3 = (third as { nextAttemptAt: Date }).nextAttemptAt;
    expect(t3.getTime() - t2.getTime()).toBe(RETRY_DELAYS_SECONDS[2] * 1000);

    expect(await attemptDelivery(delivery.id, { now: t3 })).toEqual({ state: "succeeded", status: 200 });
    expect(hooks.received).toHaveLength(4);
    // Every attempt carried the same event id, so the receiver can drop repeats.
    expect(new Set(hooks.received.map((r) => r.headers["webhook-id"]))).toEqual(new Set([delivery.eventId]));
    const after = await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(after).toMatchObject({ state: "succeeded", attempts: 4, responseStatus: 200, deliveredAt: t3 });
    // A success clears the endpoint's failing mark.
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).failingSince).toBeNull();

    // Jitter spreads retries within ±20% of the schedule.
    const jittered = await db.webhookDelivery.update({ where: { id: delivery.id }, data: { state: "pending", nextAttemptAt: t0, attempts: 0 } });
    hooks.script("/flaky", 500);
    const low = await attemptDelivery(jittered.id, { now: t0, random: () => 0 });
    expect((low as { nextAttemptAt: Date }).nextAttemptAt.getTime() - t0.getTime()).toBe(RETRY_DELAYS_SECONDS[0] * 800);
  });

  it("keeps the first kilobyte of a failing answer, and gives up after about 24 hours of retries", async () => {
    const { org } = await organization();
    const endpoint = await createWebhookEndpoint(org.id, { url: `${base}/down`, events: ["program.joined"] });
    const t0 = new Date("2026-04-01T00:00:00Z");
    await emitWebhookEvent(org.id, "program.joined", { program: { id: "p1", name: "Sailing", url: "https://laurel.example/p/p1" }, learner: { email: "ada@example.org", name: null } }, { at: t0 });
    const [delivery] = await deliveriesOf(endpoint.id);
    hooks.script("/down", ...Array(20).fill(500));
    let now = t0;
    let outcome = await attemptDelivery(delivery.id, { now, random: fixedJitter });
    while (outcome.state === "pending") {
      now = outcome.nextAttemptAt;
      outcome = await attemptDelivery(delivery.id, { now, random: fixedJitter });
    }
    expect(outcome).toEqual({ state: "failed", reason: "gave_up" });
    expect(hooks.received).toHaveLength(RETRY_DELAYS_SECONDS.length + 1);
    const hours = (now.getTime() - t0.getTime()) / 3_600_000;
    expect(hours).toBeGreaterThan(23);
    expect(hours).toBeLessThan(25);
    const after = await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(after).toMatchObject({ state: "failed", responseStatus: 500, error: "The endpoint answered HTTP 500." });
    expect(Buffer.byteLength(after.responseBody!)).toBeLessThanOrEqual(1024);
    expect(after.responseBody).toMatch(/^failure 500 x+$/);
    // The endpoint stays on: one day of failures is not three.
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).enabled).toBe(true);
  });

  it("turns an endpoint off after 3 days of failures and emails the owners and admins, not other members", async () => {
    const { org, owner, admin, member } = await organization();
    const endpoint = await createWebhookEndpoint(org.id, { url: `${base}/gone`, events: ["program.joined"] });
    const data = { program: { id: "p1", name: "Sailing", url: "https://laurel.example/p/p1" }, learner: { email: "ada@example.org", name: null } };
    const t0 = new Date("2026-05-01T00:00:00Z");
    hooks.script("/gone", 502, 502);
    await emitWebhookEvent(org.id, "program.joined", data, { at: t0 });
    const [first] = await deliveriesOf(endpoint.id);
    expect(await attemptDelivery(first.id, { now: t0 })).toMatchObject({ state: "pending" });
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).failingSince).toEqual(t0);

    // Three days later another event fails too: the endpoint is turned off.
    const later = new Date(t0.getTime() + FAILURE_WINDOW_MS + 60_000);
    await emitWebhookEvent(org.id, "program.joined", data, { at: later });
    const second = (await deliveriesOf(endpoint.id)).find((d) => d.id !== first.id)!;
    expect(await attemptDelivery(second.id, { now: later })).toEqual({ state: "failed", reason: "endpoint_failing" });
    const off = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(off).toMatchObject({ enabled: false, disabledReason: "failing", disabledAt: later });
    // Its waiting deliveries end; new events are not recorded for it.
    expect((await db.webhookDelivery.findUniqueOrThrow({ where: { id: first.id } })).state).toBe("failed");
    expect(await emitWebhookEvent(org.id, "program.joined", data)).toBeNull();

    const mail = await smtp.waitFor(owner.email, /turned off/);
    expect(mail.text).toContain(`${base}/gone`);
    expect(mail.text).toContain(`/dashboard/${org.slug}/webhooks/${endpoint.id}`);
    await smtp.waitFor(admin.email, /turned off/);
    expect(smtp.server().to(member.email)).toEqual([]);

    // Redelivery waits until it is turned back on; then it goes out.
    await expect(redeliverWebhook(org.id, endpoint.id, first.id)).rejects.toMatchObject({ code: "conflict" });
    await updateWebhookEndpoint(org.id, endpoint.id, { enabled: true });
    await redeliverWebhook(org.id, endpoint.id, first.id);
    expect(await attemptDelivery(first.id)).toEqual({ state: "succeeded", status: 200 });
  });

  it("signs with both secrets for a day after a rotation, then with the new one only", async () => {
    const { org } = await organization();
    const endpoint = await createWebhookEndpoint(org.id, { url: `${base}/rotating`, events: ["program.joined"] });
    const rotatedAt = new Date();
    const { secret, previousSecretExpiresAt } = await rotateWebhookSecret(org.id, endpoint.id, {}, rotatedAt);
    expect(new Date(previousSecretExpiresAt).getTime() - rotatedAt.getTime()).toBe(24 * 3_600_000);
    const data = { program: { id: "p1", name: "Sailing", url: "https://laurel.example/p/p1" }, learner: { email: "ada@example.org", name: null } };

    await emitWebhookEvent(org.id, "program.joined", data);
    const [during] = await deliveriesOf(endpoint.id);
    await attemptDelivery(during.id);
    const duringRotation = hooks.received[0];
    expect(String(duringRotation.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    // A receiver on either secret accepts it.
    expect(() => new Webhook(endpoint.secret).verify(duringRotation.body, duringRotation.headers as Record<string, string>)).not.toThrow();
    expect(() => new Webhook(secret).verify(duringRotation.body, duringRotation.headers as Record<string, string>)).not.toThrow();

    // A day later only the new secret signs (the clock of the attempt decides).
    const dayLater = new Date(rotatedAt.getTime() + 24 * 3_600_000 + 1000);
    await emitWebhookEvent(org.id, "program.joined", data, { at: dayLater });
    const next = (await deliveriesOf(endpoint.id)).find((d) => d.id !== during.id)!;
    await attemptDelivery(next.id, { now: dayLater });
    const headers = hooks.received[1].headers as Record<string, string>;
    expect(headers["webhook-signature"].split(" ")).toHaveLength(1);
    expect(headers["webhook-timestamp"]).toBe(String(Math.floor(dayLater.getTime() / 1000)));
  });

  it("loses no event when the process dies mid-send or between an attempt and its retry, and survives a restart of the queue", async () => {
    const { org } = await organization();
    const a = await createWebhookEndpoint(org.id, { url: `${base}/restart-a`, events: ["program.joined"] });
    const b = await createWebhookEndpoint(org.id, { url: `${base}/restart-b`, events: ["award.pending_quota"] });
    const program = { id: "p1", name: "Sailing", url: "https://laurel.example/p/p1" };
    const learner = { email: "ada@example.org", name: null };
    await emitWebhookEvent(org.id, "program.joined", { program, learner });
    await emitWebhookEvent(org.id, "award.pending_quota", { program, learner, award: { id: "a1", ruleId: "r1", achievementId: "b1" } });
    const [midSend] = await deliveriesOf(a.id);
    const [betweenAttempts] = await deliveriesOf(b.id);
    const now = new Date();
    // Died during its first attempt: held under a lease that ran out, its job gone.
    await db.webhookDelivery.update({ where: { id: midSend.id }, data: { state: "sending", leaseUntil: new Date(now.getTime() - 1000) } });
    // Died after recording a failed attempt, before queueing the retry: due a while ago, no job.
    await db.webhookDelivery.update({ where: { id: betweenAttempts.id }, data: { state: "pending", nextAttemptAt: new Date(now.getTime() - OVERDUE_GRACE_MS - 60_000), attempts: 1 } });
    await db.$executeRawUnsafe(`DELETE FROM pgboss.job WHERE name = 'webhooks.deliver' AND data->>'deliveryId' IN ($1, $2)`, midSend.id, betweenAttempts.id);
    expect(await overdueDeliveries(now)).toEqual(expect.arrayContaining([midSend.id, betweenAttempts.id]));

    // The app comes back: recovery queues both, the workers deliver them; A answers 500 once.
    hooks.script("/restart-a", 500);
    await startQueue({ workers: true, pollingIntervalSeconds: 0.5, jobs: [webhooksDeliverJob] });
    try {
      await waitUntil(async () => {
        const [[first], [second]] = await Promise.all([deliveriesOf(a.id), deliveriesOf(b.id)]);
        return first.state === "pending" && first.attempts === 1 && second.state === "succeeded";
      });
      // A's retry is queued for about 5 s later. Restart the queue meanwhile: the retry happens.
      await stopQueue();
      await startQueue({ workers: true, pollingIntervalSeconds: 0.5, jobs: [webhooksDeliverJob] });
      await waitUntil(async () => (await deliveriesOf(a.id))[0].state === "succeeded");
    } finally {
      await stopQueue();
    }
    expect((await deliveriesOf(a.id))[0].attempts).toBe(2);
    expect((await deliveriesOf(b.id))[0].attempts).toBe(2);
    expect(hooks.received.filter((r) => r.path === "/restart-a").map((r) => r.headers["webhook-id"])).toEqual([midSend.eventId, midSend.eventId]);
    expect(hooks.received.filter((r) => r.path === "/restart-b").map((r) => r.headers["webhook-id"])).toEqual([betweenAttempts.eventId]);
  }, 40_000);

  it("records nothing when no endpoint wants the event, or the plan has no webhooks", async () => {
    const { org } = await organization();
    const data = { program: { id: "p1", name: "Sailing", url: "https://laurel.example/p/p1" }, learner: { email: "ada@example.org", name: null } };
    expect(await emitWebhookEvent(org.id, "program.joined", data)).toBeNull();
    await createWebhookEndpoint(org.id, { url: `${base}/pro`, events: ["program.joined"] });
    process.env.SELF_HOSTED = "false";
    reloadEnv();
    try {
      await db.organization.update({ where: { id: org.id }, data: { plan: "pro", subscriptionStatus: "active" } });
      expect(await emitWebhookEvent(org.id, "program.joined", data)).toBeNull();
      await db.organization.update({ where: { id: org.id }, data: { plan: "business" } });
      expect(await emitWebhookEvent(org.id, "program.joined", data)).toMatch(/^msg_/);
    } finally {
      process.env.SELF_HOSTED = "true";
      reloadEnv();
    }
    expect(await db.webhookEvent.count({ where: { organizationId: org.id } })).toBe(1);
  });

  it("answers samples: the organization's latest real events of a type, or a made-up one", async () => {
    const { org } = await organization();
    const [made] = await webhookSamples(org.id, "bulk_job.completed");
    expect((webhookEnvelopeSchema("bulk_job.completed").parse(made).data as { job: { total: number } }).job.total).toBe(120);
    await createWebhookEndpoint(org.id, { url: `${base}/samples`, events: ["program.joined"] });
    const data = { program: { id: "p1", name: "Sailing", url: "https://laurel.example/p/p1" }, learner: { email: "real@example.org", name: null } };
    await emitWebhookEvent(org.id, "program.joined", data);
    expect((await webhookSamples(org.id, "program.joined")).map((e) => (e.data as typeof data).learner.email)).toEqual(["real@example.org"]);
    await expect(webhookSamples(org.id, "credential.exploded")).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("webhook addresses", () => {
  it("refuses http, private, loopback and metadata addresses outside the self-hosted allow-list", async () => {
    const { org } = await organization();
    process.env.SELF_HOSTED = "false";
    reloadEnv();
    try {
      for (const [url, code] of [
        [`${base}/hook`, "webhook_https_only"],
        ["https://127.0.0.1/hook", "webhook_address_not_public"],
        ["https://10.0.0.8/hook", "webhook_address_not_public"],
        ["https://169.254.169.254/latest/meta-data", "webhook_address_not_public"],
        ["https://[::1]/hook", "webhook_address_not_public"],
        ["https://localhost/hook", "webhook_address_not_public"],
        ["https://intranet/hook", "webhook_address_not_public"],
      ] as const) {
        await expect(createWebhookEndpoint(org.id, { url, events: ["credential.issued"] }), url).rejects.toMatchObject({ fields: { url: { code } } });
      }
      expect(await db.webhookEndpoint.count({ where: { organizationId: org.id } })).toBe(0);
    } finally {
      process.env.SELF_HOSTED = "true";
      reloadEnv();
    }
  });

  it("does not deliver to a name that resolves to a private address, even one saved earlier", async () => {
    const { org } = await organization();
    const endpoint = await createWebhookEndpoint(org.id, { url: `${base}/fine`, events: ["program.joined"] });
    // A name, not on the allow-list, that resolves to the receiver's loopback address (as a
    // public name re-pointed inside would): refused where the connection is made.
    await db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { url: `https://localhost:${new URL(base).port}/hook` } });
    await emitWebhookEvent(org.id, "program.joined", { program: { id: "p1", name: "Sailing", url: "https://laurel.example/p/p1" }, learner: { email: "ada@example.org", name: null } });
    const [delivery] = await deliveriesOf(endpoint.id);
    const outcome = await attemptDelivery(delivery.id);
    expect(outcome.state).toBe("pending");
    expect((await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).error).toMatch(/resolves to (127\.0\.0\.1|::1), which is not a public internet address/);
    expect(hooks.received).toEqual([]);
  });
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
