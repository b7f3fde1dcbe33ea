import { handleStripeWebhook } from "@/lib/billing/webhook";

/** Stripe's webhook endpoint (register it in the Stripe dashboard as {BASE_URL}/api/stripe/webhook). */
export function POST(request: Request): Promise<Response> {
  return handleStripeWebhook(request);
}
