import { createHmac, timingSafeEqual } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/catalog";
import { EXAMPLE_SECRET, integrationsGuide, MANUAL_VERIFY_EXAMPLE } from "./content";

type Verifier = (secret: string, headers: Record<string, string>, body: string) => boolean;

/** The guide's by-hand verifier, run as a reader would paste it. */
const manualVerifier = new Function("createHmac", "timingSafeEqual", `${MANUAL_VERIFY_EXAMPLE.replace(/^import .*$/m, "")}\nreturn isFromLaurel;`)(
  createHmac,
  timingSafeEqual,
) as Verifier;

const headersOf = (text: string) => Object.fromEntries(text.split("\n").map((line) => line.split(": ") as [string, string]));

describe("the integrations guide", () => {
  const guide = integrationsGuide();

  it("shows every event type with a sample on this deployment's BASE_URL", () => {
    expect(guide.events.map((event) => event.type)).toEqual(WEBHOOK_EVENT_TYPES);
    for (const event of guide.events) {
      expect(JSON.parse(event.sample)).toMatchObject({ type: event.type, version: 1 });
      expect(event.sample).not.toContain("https://laurel.example");
    }
    expect(guide.events.find((event) => event.type === "program.joined")?.sample).toContain(`${env().BASE_URL}/p/`);
  });

  it("gives curl examples on BASE_URL with the API key", () => {
    expect(guide.subscribe).toContain(`curl -X POST "${env().BASE_URL}/api/v1/webhooks"`);
    expect(guide.subscribe).toContain('-H "Authorization: Bearer $LAUREL_API_KEY"');
    expect(guide.subscribe).toContain('"events":["credential.issued","credential.claimed"]');
    expect(guide.unsubscribe).toMatch(/^curl -X DELETE ".*\/api\/v1\/webhooks\/cexamplewebhook0+1"/);
    expect(guide.testTrigger).toMatch(/^curl ".*\/api\/v1\/webhooks\/samples\/credential\.issued"/);
    expect(guide.actions.map((action) => [action.key, action.method, action.path])).toEqual([
      ["issue", "POST", "/api/v1/credentials"],
      ["revoke", "POST", "/api/v1/credentials/{id}/revoke"],
      ["events", "POST", "/api/v1/events"],
      ["bulk", "POST", "/api/v1/credentials/bulk"],
    ]);
    expect(guide.actions[1].curl).toContain("/api/v1/credentials/CREDENTIAL_ID/revoke");
  });

  it("states the delivery settings as the sender applies them", () => {
    expect(guide.delivery).toMatchObject({ timeoutSeconds: 10, attempts: 11, retryHours: 24, failureDays: 3, overlapHours: 24 });
  });

  it("signs the worked example so that the standardwebhooks library and the by-hand check both accept it", () => {
    const { secret, headers: text, body } = guide.signedExample;
    const headers = headersOf(text);
    expect(secret).toBe(EXAMPLE_SECRET);
    expect(Buffer.from(secret.slice("whsec_".length), "base64")).toHaveLength(32);
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const realNow = Date.now;
    Date.now = () => Number(headers["webhook-timestamp"]) * 1000;
    try {
      expect(new Webhook(secret).verify(body, headers)).toMatchObject({ type: "credential.issued" });
      expect(manualVerifier(secret, headers, body)).toBe(true);
      expect(manualVerifier(secret, headers, body.replace("Ada", "Eve"))).toBe(false);
      expect(manualVerifier(EXAMPLE_SECRET.replace("bGF1", "bGF2"), headers, body)).toBe(false);
    } finally {
      Date.now = realNow;
    }
  });

  it("has a by-hand check that accepts any one of two signatures and refuses a stale timestamp", () => {
    const body = JSON.stringify({ hello: "world" });
    const now = new Date();
    const signature = new Webhook(EXAMPLE_SECRET).sign("msg_1", now, body);
    const headers = { "webhook-id": "msg_1", "webhook-timestamp": String(Math.floor(now.getTime() / 1000)), "webhook-signature": `v1,AAAA ${signature}` };
    expect(manualVerifier(EXAMPLE_SECRET, headers, body)).toBe(true);
    const stale = new Date(now.getTime() - 10 * 60 * 1000);
    const staleHeaders = { "webhook-id": "msg_1", "webhook-timestamp": String(Math.floor(stale.getTime() / 1000)), "webhook-signature": new Webhook(EXAMPLE_SECRET).sign("msg_1", stale, body) };
    expect(manualVerifier(EXAMPLE_SECRET, staleHeaders, body)).toBe(false);
  });
});
