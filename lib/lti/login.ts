import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { LtiLaunchError } from "./errors";
import { findPlatformFor, toolUrls } from "./platforms";

/** A login must come back as a launch within this time. */
export const LOGIN_STATE_TTL_MS = 10 * 60 * 1000;

export const hashState = (state: string) => createHash("sha256").update(state).digest("hex");

/** The parameters of a third-party initiated login, from the query (GET) or the form (POST). */
export async function loginParameters(request: Request): Promise<URLSearchParams> {
  const query = new URL(request.url).searchParams;
  if (request.method !== "POST") return query;
  const type = request.headers.get("content-type") ?? "";
  if (!type.includes("application/x-www-form-urlencoded") && !type.includes("multipart/form-data")) return query;
  try {
    const form = await request.formData();
    const params = new URLSearchParams();
    for (const [name, value] of form.entries()) if (typeof value === "string") params.set(name, value);
    return params;
  } catch {
    throw new LtiLaunchError("missing_parameters", "unreadable form");
  }
}

/** Whether a target link URI is one of the organization's tool endpoints (never another site: no open redirect). */
export function isOwnTarget(organizationId: string, target: string): boolean {
  try {
    const url = new URL(target);
    return url.origin === new URL(env().BASE_URL).origin && url.pathname.startsWith(`${new URL(env().BASE_URL).pathname.replace(/\/$/, "")}/lti/${organizationId}/`);
  } catch {
    return false;
  }
}

/**
 * OpenID Connect third-party initiated login (LTI Security Framework §5.1.1): the platform names
 * itself (iss, client_id), the user (login_hint, lti_message_hint) and the target; Laurel answers
 * with the authentication request to the platform's authorization endpoint, carrying a fresh
 * state and nonce.
 *
 * How state is bound: a tool usually keeps the state in a cookie, but inside the platform's iframe
 * browsers often drop third-party cookies, so Laurel keeps it server-side instead: only its
 * SHA-256 is stored, with the nonce it was sent with, the registration and a 10-minute lifetime.
 * The launch must bring it back to the same registration, once, in time, with an id_token whose
 * nonce is that same nonce (and a nonce is never accepted twice).
 */
export async function startLogin(organizationId: string, params: URLSearchParams): Promise<string> {
  const issuer = params.get("iss");
  const loginHint = params.get("login_hint");
  const target = params.get("target_link_uri");
  if (!issuer || !loginHint || !target) throw new LtiLaunchError("missing_parameters", "iss, login_hint and target_link_uri are required");
  const clientId = params.get("client_id");
  const platform = await findPlatformFor(organizationId, issuer, clientId);
  if (!platform) {
    const known = clientId !== null && (await findPlatformFor(organizationId, issuer, null)) !== null;
    throw new LtiLaunchError(known ? "unknown_client" : "unknown_platform", `${issuer.slice(0, 200)} ${clientId?.slice(0, 100) ?? ""}`);
  }
  const deploymentId = params.get("lti_deployment_id");
  if (deploymentId !== null && !platform.deploymentIds.includes(deploymentId)) throw new LtiLaunchError("unknown_deployment", deploymentId.slice(0, 200));
  if (!isOwnTarget(organizationId, target)) throw new LtiLaunchError("bad_target", target.slice(0, 200));

  const state = randomBytes(32).toString("base64url");
  const nonce = randomBytes(24).toString("base64url");
  await db.ltiLoginState.create({
    data: { platformId: platform.id, stateHash: hashState(state), nonce, targetLinkUri: target.slice(0, 2000), expiresAt: new Date(Date.now() + LOGIN_STATE_TTL_MS) },
  });
  const authorization = new URL(platform.authorizationUrl);
  const query = {
    scope: "openid",
    response_type: "id_token",
    response_mode: "form_post",
    prompt: "none",
    client_id: platform.clientId,
    redirect_uri: toolUrls(organizationId).launchUrl,
    login_hint: loginHint,
    state,
    nonce,
    ...(params.get("lti_message_hint") !== null ? { lti_message_hint: params.get("lti_message_hint")! } : {}),
  };
  for (const [name, value] of Object.entries(query)) authorization.searchParams.set(name, value);
  return authorization.href;
}
