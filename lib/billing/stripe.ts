import "server-only";
import Stripe from "stripe";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

/** Billing works only with a Stripe secret key; without one (a fresh clone, a self-hosted install) it is "not configured". */
export function billingConfigured(): boolean {
  return Boolean(env().STRIPE_SECRET_KEY);
}

let cached: { config: string; client: Stripe } | undefined;

/**
 * The Stripe client, or null when billing is not configured. STRIPE_API_URL points it at another
 * origin (a local stand-in in tests). Kept per configuration, since tests change the environment.
 */
export function stripeClient(): Stripe | null {
  const { STRIPE_SECRET_KEY: key, STRIPE_API_URL: apiUrl } = env();
  if (!key) return null;
  const config = `${key}\n${apiUrl ?? ""}`;
  if (cached?.config !== config) {
    const origin = apiUrl ? new URL(apiUrl) : null;
    const client = new Stripe(key, {
      maxNetworkRetries: 2,
      telemetry: false,
      ...(origin
        ? {
            host: origin.hostname,
            port: origin.port || (origin.protocol === "https:" ? 443 : 80),
            protocol: origin.protocol === "https:" ? ("https" as const) : ("http" as const),
          }
        : {}),
    });
    cached = { config, client };
  }
  return cached.client;
}

export const billingNotConfigured = () =>
  new AppError("not_found", "Billing is not configured on this Laurel install: STRIPE_SECRET_KEY is not set");

/** The Stripe client for code that cannot work without it; a clear error when billing is not configured. */
export function requireStripe(): Stripe {
  const client = stripeClient();
  if (!client) throw billingNotConfigured();
  return client;
}

/** Subscription statuses that still bill, or may again, best first: a second subscription through Checkout would charge twice. */
export const LIVE_STATUSES = ["active", "trialing", "past_due", "unpaid", "paused", "incomplete"];
