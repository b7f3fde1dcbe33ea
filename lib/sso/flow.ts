import "server-only";
import { hitRateLimit } from "@/lib/auth/rate-limit";
import { UNKNOWN_CLIENT } from "@/lib/auth/client-ip";
import { readFormWithLimit } from "@/lib/http/read-body";
import { log } from "@/lib/log";
import { getSsoConnection, ssoForAddress } from "./connections";
import { SsoError, type SsoErrorCode } from "./errors";
import { finishOidcSignIn, startOidcSignIn } from "./oidc";
import { finishSamlSignIn, startSamlSignIn } from "./saml";
import { completeSsoSignIn } from "./sign-in";
import { clearStateCookie, readStateCookie, stateCookie } from "./state";
import { ssoPaths } from "./urls";

/** Per client IP: starting sign-ins, and answers coming back from identity providers. */
export const SSO_RATE_LIMITS = {
  start: { limit: 30, windowSeconds: 60 },
  callback: { limit: 60, windowSeconds: 60 },
} as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function redirect(location: string, cookie?: string): Response {
  const headers = new Headers({ Location: location, "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" });
  if (cookie) headers.append("Set-Cookie", cookie);
  return new Response(null, { status: 303, headers });
}

/** The page that explains a refused sign-in in the person's language. */
export function ssoErrorRedirect(code: SsoErrorCode): Response {
  return redirect(`${ssoPaths.finish}?error=${code}`, clearStateCookie());
}

async function limited(kind: keyof typeof SSO_RATE_LIMITS, ip: string): Promise<boolean> {
  if (ip === UNKNOWN_CLIENT) return false;
  const { limit, windowSeconds } = SSO_RATE_LIMITS[kind];
  return !(await hitRateLimit(`sso:${kind}:${ip}`, limit, windowSeconds)).allowed;
}

function refused(error: unknown, where: string): Response {
  if (error instanceof SsoError) {
    log.info({ code: error.code, detail: error.detail, where }, "single sign-on refused");
    return ssoErrorRedirect(error.code);
  }
  log.error({ err: error, where }, "single sign-on failed");
  return ssoErrorRedirect("response_invalid");
}

/**
 * GET /sso/start?email=…: sends the person to their organization's identity provider. An address
 * without single sign-on goes back to the sign-in page, which says so.
 */
export async function startSso(request: Request, ip: string): Promise<Response> {
  const email = (new URL(request.url).searchParams.get("email") ?? "").trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 320) return redirect(`/sign-in?sso=none`);
  if (await limited("start", ip)) return ssoErrorRedirect("rate_limited");
  try {
    const route = await ssoForAddress(email);
    if (!route) return redirect(`/sign-in?sso=none&email=${encodeURIComponent(email)}`);
    const started = route.connection.protocol === "oidc" ? await startOidcSignIn(route.connection, email) : await startSamlSignIn(route.connection);
    return redirect(started.location, stateCookie(started.state.browserKey));
  } catch (error) {
    return refused(error, "start");
  }
}

async function finish(organizationId: string, ip: string, protocol: "oidc" | "saml", verify: (connection: NonNullable<Awaited<ReturnType<typeof getSsoConnection>>>) => Promise<{ email: string; name: string | null; subject: string }>): Promise<Response> {
  if (await limited("callback", ip)) return ssoErrorRedirect("rate_limited");
  try {
    const connection = await getSsoConnection(organizationId);
    if (!connection || !connection.enabled || connection.protocol !== protocol) throw new SsoError("no_connection");
    const identity = await verify(connection);
    const signedIn = await completeSsoSignIn(connection.id, identity, ip);
    // The ticket rides in the fragment: never sent to a server, never in a log or a Referer.
    const fragment = new URLSearchParams({ ticket: signedIn.ticket, next: signedIn.next }).toString();
    return redirect(`${ssoPaths.finish}#${fragment}`, clearStateCookie());
  } catch (error) {
    return refused(error, `${protocol} callback`);
  }
}

/** GET /sso/{orgId}/oidc/callback: the OpenID Connect provider's answer. */
export function finishOidc(request: Request, organizationId: string, ip: string): Promise<Response> {
  return finish(organizationId, ip, "oidc", (connection) => finishOidcSignIn(connection, new URL(request.url).searchParams, readStateCookie(request)));
}

/** POST /sso/{orgId}/saml/acs: the SAML identity provider's answer (HTTP-POST binding). */
export function finishSaml(request: Request, organizationId: string, ip: string): Promise<Response> {
  return finish(organizationId, ip, "saml", async (connection) => {
    const form = await readFormWithLimit(request, 1024 * 1024).catch(() => {
      throw new SsoError("response_invalid", "unreadable form");
    });
    return finishSamlSignIn(connection, { SAMLResponse: form.get("SAMLResponse"), RelayState: form.get("RelayState") }, readStateCookie(request));
  });
}
