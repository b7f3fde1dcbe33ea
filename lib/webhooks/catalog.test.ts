import { describe, expect, it } from "vitest";
import { catalogs } from "@/lib/i18n/messages";
import { sampleWebhookEvent, WEBHOOK_EVENTS, webhookEnvelopeSchema } from "./catalog";
import { eventMessageKey, WEBHOOK_EVENT_TYPES } from "./event-types";

type Tree = { [key: string]: string | Tree };

describe("the webhook event catalog", () => {
  it("describes exactly the event types the dashboard offers, each with a sample that fits its schema", () => {
    expect(Object.keys(WEBHOOK_EVENTS)).toEqual([...WEBHOOK_EVENT_TYPES]);
    for (const type of WEBHOOK_EVENT_TYPES) {
      const sample = sampleWebhookEvent(type, "corg", "https://badges.example.org");
      expect(webhookEnvelopeSchema(type).safeParse(sample).success, type).toBe(true);
      expect(JSON.stringify(sample), type).not.toContain("laurel.example");
    }
  });

  it("names and explains every event type in English and Spanish", () => {
    for (const [locale, catalog] of Object.entries(catalogs)) {
      const types = ((catalog as Tree).webhooks as Tree).eventTypes as Tree;
      for (const type of WEBHOOK_EVENT_TYPES) {
        const entry = types[eventMessageKey(type)] as Tree | undefined;
        expect(entry?.label, `${locale} ${type}`).toEqual(expect.any(String));
        expect(entry?.help, `${locale} ${type}`).toEqual(expect.any(String));
      }
    }
  });
});
