import { createHmac } from "node:crypto";
import { isbot } from "isbot";
import { env } from "@/lib/env";

/** Link-preview crawlers and other bots (LinkedInBot, Twitterbot, facebookexternalhit, curl…). */
export function isCrawler(userAgent: string | null | undefined): boolean {
  return isbot(userAgent ?? "");
}

/**
 * A visitor's pseudonym for unique counts: an HMAC of their IP and browser under a salt that
 * changes every UTC day, so the raw IP is never stored and visits can't be linked across days.
 */
export function visitorHash(ip: string, userAgent: string | null | undefined, at = new Date()): string {
  const day = at.toISOString().slice(0, 10);
  return createHmac("sha256", `${env().NEXTAUTH_SECRET}:visitors:${day}`)
    .update(`${ip}\n${userAgent ?? ""}`)
    .digest("base64url")
    .slice(0, 22);
}
