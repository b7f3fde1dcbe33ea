import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { isId } from "@/lib/ids";
import { isEngagementKind, type EngagementKind } from "./kinds";

/**
 * The signed values in engagement emails: the unsubscribe token (an organization, an address and
 * a kind, so no sign-in is needed) and the signature of each tracked link (so the redirect never
 * sends anyone to an address Laurel did not write). Each has a key of its own, derived from the
 * app secret, so neither is valid as anything else.
 */
const keyFor = (purpose: string) => createHmac("sha256", env().NEXTAUTH_SECRET).update(`laurel:email:${purpose}:v1`).digest();
const mac = (purpose: string, value: string) => createHmac("sha256", keyFor(purpose)).update(value).digest("base64url");

function sameMac(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export type Unsubscription = { organizationId: string; email: string; kind: EngagementKind };

export function unsubscribeToken({ organizationId, email, kind }: Unsubscription): string {
  const payload = Buffer.from(JSON.stringify([organizationId, email.trim().toLowerCase(), kind])).toString("base64url");
  return `${payload}.${mac("unsubscribe", payload)}`;
}

/** The subscription a token names, or null for a forged, altered or malformed one. */
export function readUnsubscribeToken(token: unknown): Unsubscription | null {
  if (typeof token !== "string" || token.length > 600) return null;
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined || !sameMac(signature, mac("unsubscribe", payload))) return null;
  try {
    const [organizationId, email, kind] = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as unknown[];
    if (!isId(organizationId) || typeof email !== "string" || !email.includes("@") || !isEngagementKind(kind)) return null;
    return { organizationId, email, kind };
  } catch {
    return null;
  }
}

export function linkSignature(emailId: string, url: string): string {
  return mac("link", `${emailId}\n${url}`);
}

export function isValidLinkSignature(emailId: string, url: string, signature: unknown): boolean {
  return typeof signature === "string" && signature.length < 100 && sameMac(signature, linkSignature(emailId, url));
}
