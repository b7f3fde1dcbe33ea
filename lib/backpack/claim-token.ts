import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

/**
 * The claim link in a recipient's email carries an HMAC over the credential and the address it
 * was sent to. It proves the holder read that inbox, so opening it while signed in with that
 * address verifies the address. Changing a credential's address makes old links worthless.
 */

// A key of its own, derived from the app secret, so a claim token is never valid as anything else.
const claimKey = () => createHmac("sha256", env().NEXTAUTH_SECRET).update("laurel:backpack:claim-link:v1").digest();

export function claimToken(credentialId: string, recipientEmail: string): string {
  return createHmac("sha256", claimKey()).update(`${credentialId}\n${recipientEmail.trim().toLowerCase()}`).digest("base64url");
}

export function isValidClaimToken(credentialId: string, recipientEmail: string, token: string | null | undefined): boolean {
  if (!token || token.length > 100) return false;
  const expected = Buffer.from(claimToken(credentialId, recipientEmail));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The path of the claim page for this credential and address (same-site, usable as a callbackUrl). */
export function claimPath(credentialId: string, recipientEmail: string): string {
  return `/backpack/claim/${encodeURIComponent(credentialId)}?t=${claimToken(credentialId, recipientEmail)}`;
}

export function claimUrl(credentialId: string, recipientEmail: string): string {
  return `${env().BASE_URL}${claimPath(credentialId, recipientEmail)}`;
}

/** "jane@example.com" → "j•••@example.com": enough to recognise, not enough to harvest. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at <= 0) return "•••";
  return `${email[0]}•••${email.slice(at)}`;
}
