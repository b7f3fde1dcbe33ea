// The dashboard's webhook forms, read into the API's own body schemas: one set of rules for both.
import { z } from "zod";
import { safeText } from "@/lib/text";
import { webhookCreateBodySchema } from "./api-schemas";
import { WEBHOOK_EVENT_TYPES } from "./catalog";

/** The form sends one checkbox per event type, named `event:<type>`. */
const checkedEvents = (form: Record<string, unknown>) => WEBHOOK_EVENT_TYPES.filter((type) => form[`event:${type}`] === "on");

export const createWebhookFormSchema = z.preprocess((raw) => {
  const form = (raw ?? {}) as Record<string, unknown>;
  return { url: form.url, events: checkedEvents(form), ...(typeof form.description === "string" && form.description.trim() && { description: form.description }) };
}, webhookCreateBodySchema);

const idField = safeText().min(1).max(100);

export const webhookIdFormSchema = z.object({ webhookId: idField });
export const webhookEnabledFormSchema = z.object({ webhookId: idField, webhookEnabled: z.enum(["true", "false"]).transform((value) => value === "true") });
export const redeliverFormSchema = z.object({ webhookId: idField, deliveryId: idField });
