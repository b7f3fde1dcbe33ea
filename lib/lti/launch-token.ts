import { createHmac } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import { env } from "@/lib/env";

/**
 * The tool runs inside the platform's iframe, where browsers often refuse third-party cookies, so
 * a launch is not remembered in a cookie: the page and every form on it carry this token, an
 * HS256 JWT naming the verified launch (its row holds who, which roles, which course), valid for
 * an hour. Relaunching from the course gives a new one.
 */
export const LAUNCH_TOKEN_TTL_SECONDS = 60 * 60;
const AUDIENCE = "laurel:lti-launch";

// A key of its own, derived from the app secret, so a launch token is never valid as anything else.
const launchKey = () => new Uint8Array(createHmac("sha256", env().NEXTAUTH_SECRET).update("laurel:lti:launch-token:v1").digest());

export async function signLaunchToken(launchId: string, expiresAt: Date): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(launchId)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(launchKey());
}

/** The launch id a token names, or null for a token that is malformed, forged or expired. */
export async function readLaunchToken(token: unknown): Promise<string | null> {
  if (typeof token !== "string" || token.length === 0 || token.length > 2000) return null;
  try {
    const { payload } = await jwtVerify(token, launchKey(), { algorithms: ["HS256"], audience: AUDIENCE });
    return typeof payload.sub === "string" ? payload.sub : null;
  } catch {
    return null;
  }
}
