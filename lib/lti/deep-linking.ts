import { randomBytes } from "node:crypto";
import { SignJWT } from "jose";
import { db } from "@/lib/db";
import { AppError, fieldError } from "@/lib/errors";
import { isId } from "@/lib/ids";
import { publicUrls } from "@/lib/issuing/urls";
import { truncateText } from "@/lib/text";
import { ACHIEVEMENT_PARAMETER, CLAIM, LTI_VERSION, MESSAGE_TYPES } from "./claims";
import type { LtiLaunchContext } from "./launch-context";
import { toolSigningKey, toolUrls } from "./platforms";

/** The achievements an instructor may place: the organization's, not archived, newest first. */
export async function placeableAchievements(organizationId: string) {
  return db.achievement.findMany({
    where: { organizationId, archivedAt: null },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: { id: true, name: true, description: true, version: true },
  });
}

/**
 * The Deep Linking 2.0 response to an instructor's choice: a JWT signed with the organization's tool
 * key (RS256, its `kid` in the tool's JWKS), carrying one ltiResourceLink content item
 * that launches Laurel with the achievement's id as a custom parameter. The browser posts it as
 * the form field `JWT` to the platform's deep_link_return_url.
 */
export async function deepLinkingResponse(ctx: LtiLaunchContext, achievementId: string): Promise<{ returnUrl: string; jwt: string }> {
  if (ctx.launch.messageType !== MESSAGE_TYPES.deepLinking || !ctx.launch.deepLinkReturnUrl) throw new AppError("conflict", "This launch does not ask for content", { form: { code: "lti_not_deep_linking" } });
  const achievement = isId(achievementId)
    ? await db.achievement.findFirst({ where: { id: achievementId, organizationId: ctx.org.id, archivedAt: null }, select: { id: true, name: true, description: true, version: true } })
    : null;
  if (!achievement) throw fieldError("achievementId", "unknown_achievement");
  const { keyId, privateKey } = await toolSigningKey(ctx.org.id);
  const item = {
    type: "ltiResourceLink",
    title: achievement.name,
    text: truncateText(achievement.description ?? "", 500, { atWord: true }),
    url: toolUrls(ctx.org.id).launchUrl,
    icon: { url: publicUrls.achievementImage(achievement.id, achievement.version), width: 512, height: 512 },
    custom: { [ACHIEVEMENT_PARAMETER]: achievement.id },
  };
  const jwt = await new SignJWT({
    nonce: randomBytes(16).toString("base64url"),
    [CLAIM.messageType]: MESSAGE_TYPES.deepLinkingResponse,
    [CLAIM.version]: LTI_VERSION,
    [CLAIM.deploymentId]: ctx.launch.deploymentId,
    [CLAIM.contentItems]: [item],
    ...(ctx.launch.deepLinkData !== null ? { [CLAIM.deepLinkingData]: ctx.launch.deepLinkData } : {}),
  })
    .setProtectedHeader({ alg: "RS256", kid: keyId, typ: "JWT" })
    .setIssuer(ctx.platform.clientId)
    .setAudience(ctx.platform.issuer)
    .setIssuedAt()
    .setExpirationTime("5m")
    .sign(privateKey);
  return { returnUrl: ctx.launch.deepLinkReturnUrl, jwt };
}
