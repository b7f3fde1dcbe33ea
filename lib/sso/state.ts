import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { SsoError } from "./errors";

/** A sign-in at the identity provider must come back within this. */
export const SSO_STATE_TTL_MS = 10 * 60 * 1000;
export const SSO_STATE_COOKIE = "laurel_sso";

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

export type NewState = { state: string; browserKey: string; expiresAt: Date };

/**
 * Records a sign-in under way: `state` travels through the identity provider (OIDC state, SAML
 * RelayState); `browserKey` stays in this browser's cookie. Coming back, both must match, once.
 */
export async function createAuthState(
  connectionId: string,
  values: { samlRequestId?: string; oidcNonce?: string; oidcCodeVerifier?: string },
  now = new Date(),
): Promise<NewState> {
  const state = randomBytes(24).toString("base64url");
  const browserKey = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SSO_STATE_TTL_MS);
  // Sign-ins abandoned at the IdP go when the next one starts.
  await db.ssoAuthState.deleteMany({ where: { expiresAt: { lt: now } } });
  await db.ssoAuthState.create({ data: { connectionId, state, browserHash: sha256(browserKey), expiresAt, ...values } });
  return { state, browserKey, expiresAt };
}

/**
 * Takes a sign-in under way back, single use: unknown, used, expired, of another connection or
 * started in another browser, it is refused (`state_invalid`).
 */
export async function consumeAuthState(connectionId: string, state: unknown, browserKey: string | undefined, now = new Date()) {
  if (typeof state !== "string" || state.length === 0 || state.length > 200) throw new SsoError("state_invalid", "no state");
  // Deleted as it is read: of two requests with one state, only one gets the row.
  const row = await db.ssoAuthState.delete({ where: { state } }).catch(() => null);
  if (!row || row.connectionId !== connectionId) throw new SsoError("state_invalid", "unknown or used state");
  if (row.expiresAt <= now) throw new SsoError("state_invalid", "expired state");
  const presented = Buffer.from(sha256(browserKey ?? ""), "hex");
  if (!browserKey || !timingSafeEqual(presented, Buffer.from(row.browserHash, "hex"))) throw new SsoError("state_invalid", "started in another browser");
  return row;
}

/**
 * The cookie binding a sign-in to its browser. The SAML answer arrives as a POST from the
 * identity provider's site: over https the cookie is SameSite=None (Secure) so it comes along;
 * over plain http (development) Lax, which a same-site IdP still gets.
 */
export function stateCookie(browserKey: string, maxAgeSeconds = SSO_STATE_TTL_MS / 1000): string {
  const secure = env().BASE_URL.startsWith("https://");
  return [`${SSO_STATE_COOKIE}=${browserKey}`, "Path=/sso", "HttpOnly", `Max-Age=${maxAgeSeconds}`, secure ? "SameSite=None; Secure" : "SameSite=Lax"].join("; ");
}

export function clearStateCookie(): string {
  return stateCookie("", 0);
}

export function readStateCookie(request: Request): string | undefined {
  const header = request.headers.get("cookie") ?? "";
  for (const part of header.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === SSO_STATE_COOKIE) return value.join("=") || undefined;
  }
  return undefined;
}
