import { decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload } from "jose";
import { billingSelect, entitlementsOf } from "@/lib/billing/entitlements";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { isId } from "@/lib/ids";
import { log } from "@/lib/log";
import { cleanText } from "@/lib/text";
import { ACHIEVEMENT_PARAMETER, CLAIM, isInstructor, LTI_VERSION, MESSAGE_TYPES } from "./claims";
import { LtiLaunchError } from "./errors";
import { LAUNCH_TOKEN_TTL_SECONDS, signLaunchToken } from "./launch-token";
import { hashState, isOwnTarget } from "./login";
import { platformKeys } from "./platform-http";
import { findPlatform, type LaunchPlatform } from "./platforms";

/** Clocks differ: an id_token is accepted this far either side of its iat and exp. */
export const CLOCK_SKEW_SECONDS = 60;
/** An id_token older than this (by its iat) is refused even before its exp. */
const MAX_TOKEN_AGE_SECONDS = 10 * 60;
const ALGORITHMS = ["RS256", "RS384", "RS512", "ES256", "ES384", "PS256"];

export type VerifiedLaunch = {
  launchId: string;
  token: string;
  kind: "resource" | "deepLinking";
  organizationId: string;
  instructor: boolean;
};

const text = (value: unknown, max = 500): string | null => (typeof value === "string" && value.trim() ? cleanText(value.trim()).slice(0, max) : null);
const record = (value: unknown): Record<string, unknown> => (value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
const httpUrl = (value: unknown): string | null => {
  if (typeof value !== "string" || value.length > 2000) return null;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
};

/** The form the platform posted to the launch URL: its id_token and the state Laurel sent. */
export async function launchForm(request: Request): Promise<{ idToken: string; state: string }> {
  const type = request.headers.get("content-type") ?? "";
  if (request.method !== "POST" || (!type.includes("application/x-www-form-urlencoded") && !type.includes("multipart/form-data"))) {
    throw new LtiLaunchError("missing_parameters", "the platform must POST id_token and state as a form");
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new LtiLaunchError("missing_parameters", "unreadable form");
  }
  const idToken = form.get("id_token");
  const state = form.get("state");
  if (typeof idToken !== "string" || !idToken || typeof state !== "string" || !state || idToken.length > 64 * 1024 || state.length > 500) {
    throw new LtiLaunchError("missing_parameters", "id_token and state are required");
  }
  return { idToken, state };
}

/** Takes the login's state once: it must exist for a registration of this organization and not have expired. */
async function consumeState(organizationId: string, state: string): Promise<{ platformId: string; nonce: string; targetLinkUri: string }> {
  const row = await db.ltiLoginState.findUnique({
    where: { stateHash: hashState(state) },
    select: { id: true, platformId: true, nonce: true, targetLinkUri: true, expiresAt: true, platform: { select: { organizationId: true } } },
  });
  if (!row || row.platform.organizationId !== organizationId) throw new LtiLaunchError("state_invalid", "unknown state");
  // Deleting decides who took it: of two launches racing with one state, one finds nothing to delete.
  const { count } = await db.ltiLoginState.deleteMany({ where: { id: row.id } });
  if (count !== 1) throw new LtiLaunchError("state_invalid", "state already used");
  if (row.expiresAt.getTime() < Date.now()) throw new LtiLaunchError("state_invalid", "state expired");
  return { platformId: row.platformId, nonce: row.nonce, targetLinkUri: row.targetLinkUri };
}

/** The id_token's claims once its signature (by the platform's JWKS), issuer, audience and times check out. */
async function verifyIdToken(platform: LaunchPlatform, idToken: string): Promise<JWTPayload> {
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(idToken).kid;
  } catch {
    throw new LtiLaunchError("token_invalid", "not a JWT");
  }
  let keys: Awaited<ReturnType<typeof platformKeys>>;
  try {
    keys = await platformKeys(platform.jwksUrl, kid);
  } catch (error) {
    throw new LtiLaunchError("keys_unavailable", error instanceof Error ? error.message : String(error));
  }
  try {
    const { payload } = await jwtVerify(idToken, keys, {
      issuer: platform.issuer,
      audience: platform.clientId,
      algorithms: ALGORITHMS,
      clockTolerance: CLOCK_SKEW_SECONDS,
      maxTokenAge: MAX_TOKEN_AGE_SECONDS + CLOCK_SKEW_SECONDS,
      requiredClaims: ["exp", "iat", "nonce", "sub"],
    });
    return payload;
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new LtiLaunchError("token_expired", error.message);
    if (error instanceof joseErrors.JWTClaimValidationFailed) {
      if (error.claim === "aud") throw new LtiLaunchError("wrong_audience", error.message);
      if (error.claim === "iss") throw new LtiLaunchError("wrong_issuer", error.message);
      // maxTokenAge: issued too long ago, however late its exp.
      if (error.claim === "iat" && /past/i.test(error.message)) throw new LtiLaunchError("token_expired", error.message);
      throw new LtiLaunchError("token_invalid", `${error.claim}: ${error.message}`);
    }
    if (error instanceof joseErrors.JWSSignatureVerificationFailed || error instanceof joseErrors.JWKSNoMatchingKey || error instanceof joseErrors.JWKSMultipleMatchingKeys) {
      throw new LtiLaunchError("signature_invalid", error.message);
    }
    if (error instanceof joseErrors.JOSEError) throw new LtiLaunchError("token_invalid", error.message);
    throw error;
  }
}

/** Records the nonce; a second use of it, by any launch of this platform, is a replay. */
async function spendNonce(platformId: string, nonce: string, exp: number): Promise<void> {
  try {
    await db.ltiNonce.create({ data: { platformId, nonce: nonce.slice(0, 500), expiresAt: new Date((exp + CLOCK_SKEW_SECONDS) * 1000) } });
  } catch (error) {
    if (isUniqueViolation(error)) throw new LtiLaunchError("nonce_replayed", nonce.slice(0, 100));
    throw error;
  }
}

/**
 * Verifies a launch (LTI Core 1.3 §5.1, Security Framework §5.1.3) and records it: the state Laurel
 * sent (single use), the id_token's signature by the platform's keys, its issuer, audience (and
 * `azp` when there are several), expiry and age, its nonce (single use, and the one sent with the
 * state), the LTI version, a known deployment and a supported message. Returns the launch and the
 * token the tool page carries.
 */
export async function verifyLaunch(organizationId: string, form: { idToken: string; state: string }): Promise<VerifiedLaunch> {
  const state = await consumeState(organizationId, form.state);
  const platform = await findPlatform(state.platformId);
  if (!platform) throw new LtiLaunchError("unknown_platform", state.platformId);
  const claims = await verifyIdToken(platform, form.idToken);

  if (Array.isArray(claims.aud) && claims.aud.length > 1 && claims.azp === undefined) throw new LtiLaunchError("wrong_audience", "several audiences and no azp");
  if (claims.azp !== undefined && claims.azp !== platform.clientId) throw new LtiLaunchError("wrong_audience", `azp ${String(claims.azp).slice(0, 100)}`);
  const nonce = String(claims.nonce);
  await spendNonce(platform.id, nonce, claims.exp!);
  if (nonce !== state.nonce) throw new LtiLaunchError("nonce_mismatch", "the id_token's nonce is not the one sent with this state");

  if (claims[CLAIM.version] !== LTI_VERSION) throw new LtiLaunchError("not_lti_13", String(claims[CLAIM.version] ?? "no version"));
  const messageType = claims[CLAIM.messageType];
  if (messageType !== MESSAGE_TYPES.resourceLink && messageType !== MESSAGE_TYPES.deepLinking) throw new LtiLaunchError("unsupported_message", String(messageType ?? "none").slice(0, 100));
  const deploymentId = claims[CLAIM.deploymentId];
  if (typeof deploymentId !== "string" || !platform.deploymentIds.includes(deploymentId)) throw new LtiLaunchError("unknown_deployment", String(deploymentId ?? "none").slice(0, 200));
  const target = claims[CLAIM.targetLinkUri];
  if (typeof target === "string" && !isOwnTarget(organizationId, target)) throw new LtiLaunchError("bad_target", target.slice(0, 200));
  const roles = claims[CLAIM.roles];
  if (!Array.isArray(roles) || roles.some((role) => typeof role !== "string")) throw new LtiLaunchError("missing_claims", "roles");

  const org = await db.organization.findUniqueOrThrow({ where: { id: platform.organizationId }, select: billingSelect });
  if (!entitlementsOf(org).features.includes("lti")) throw new LtiLaunchError("plan", org.slug);

  const context = record(claims[CLAIM.context]);
  const presentation = record(claims[CLAIM.launchPresentation]);
  const person = {
    userId: String(claims.sub).slice(0, 255),
    email: text(claims.email, 320)?.toLowerCase() ?? null,
    name: text(claims.name, 200) ?? ([text(claims.given_name, 100), text(claims.family_name, 100)].filter(Boolean).join(" ") || null),
    roles: (roles as string[]).slice(0, 50).map((role) => role.slice(0, 300)),
    locale: text(presentation.locale, 20),
  };
  const expiresAt = new Date(Date.now() + LAUNCH_TOKEN_TTL_SECONDS * 1000);

  if (messageType === MESSAGE_TYPES.deepLinking) {
    const settings = record(claims[CLAIM.deepLinkingSettings]);
    const returnUrl = httpUrl(settings.deep_link_return_url);
    const accepts = Array.isArray(settings.accept_types) ? settings.accept_types : [];
    if (!returnUrl) throw new LtiLaunchError("missing_claims", "deep_linking_settings.deep_link_return_url");
    if (!accepts.includes("ltiResourceLink")) throw new LtiLaunchError("unsupported_message", "the platform does not accept ltiResourceLink items");
    const launch = await db.ltiLaunch.create({
      data: {
        organizationId: platform.organizationId, platformId: platform.id, messageType, deploymentId, ...person,
        contextTitle: text(context.title, 300), deepLinkReturnUrl: returnUrl, deepLinkData: typeof settings.data === "string" ? settings.data.slice(0, 4000) : null, expiresAt,
      },
      select: { id: true },
    });
    log.info({ platformId: platform.id, launchId: launch.id, messageType }, "LTI deep linking launch");
    return { launchId: launch.id, token: await signLaunchToken(launch.id, expiresAt), kind: "deepLinking", organizationId: platform.organizationId, instructor: isInstructor(person.roles) };
  }

  const resourceLink = record(claims[CLAIM.resourceLink]);
  const linkId = text(resourceLink.id, 255);
  if (!linkId) throw new LtiLaunchError("missing_claims", "resource_link.id");
  const ags = record(claims[CLAIM.agsEndpoint]);
  const nrps = record(claims[CLAIM.nrps]);
  // The badge placed here, as deep linking wrote it; only one of this organization's achievements.
  const wanted = record(claims[CLAIM.custom])[ACHIEVEMENT_PARAMETER];
  const achievement = isId(wanted) ? await db.achievement.findFirst({ where: { id: wanted, organizationId: platform.organizationId }, select: { id: true } }) : null;
  const fields = {
    deploymentId,
    title: text(resourceLink.title, 300),
    contextId: text(context.id, 255),
    contextTitle: text(context.title, 300),
    agsLineitemsUrl: httpUrl(ags.lineitems),
    agsScopes: Array.isArray(ags.scope) ? ags.scope.filter((scope): scope is string => typeof scope === "string").slice(0, 20) : [],
    nrpsMembershipsUrl: httpUrl(nrps.context_memberships_url),
    ...(achievement ? { achievementId: achievement.id } : {}),
  };
  const link = await db.ltiResourceLink.upsert({
    where: { platformId_resourceLinkId: { platformId: platform.id, resourceLinkId: linkId } },
    create: { organizationId: platform.organizationId, platformId: platform.id, resourceLinkId: linkId, ...fields },
    update: fields,
    select: { id: true },
  });
  const launch = await db.ltiLaunch.create({
    data: { organizationId: platform.organizationId, platformId: platform.id, resourceLinkRowId: link.id, messageType, deploymentId, ...person, contextTitle: fields.contextTitle, expiresAt },
    select: { id: true },
  });
  log.info({ platformId: platform.id, launchId: launch.id, messageType }, "LTI resource link launch");
  return { launchId: launch.id, token: await signLaunchToken(launch.id, expiresAt), kind: "resource", organizationId: platform.organizationId, instructor: isInstructor(person.roles) };
}
