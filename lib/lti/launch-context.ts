import { billingSelect } from "@/lib/billing/entitlements";
import { db } from "@/lib/db";
import { isId } from "@/lib/ids";
import { isInstructor } from "./claims";
import { readLaunchToken } from "./launch-token";

/**
 * A verified launch as the tool page and its forms see it, found from the launch token they
 * carry: who launched (with their LTI roles), the registration, the organization (with what its
 * plan allows) and, for a resource link, the place in the course.
 */
export type LtiLaunchContext = Awaited<ReturnType<typeof loadLaunch>> & object;

const launchSelect = {
  id: true,
  messageType: true,
  deploymentId: true,
  userId: true,
  email: true,
  name: true,
  roles: true,
  locale: true,
  contextTitle: true,
  deepLinkReturnUrl: true,
  deepLinkData: true,
  expiresAt: true,
  platform: { select: { id: true, issuer: true, clientId: true, tokenUrl: true, organizationId: true } },
  resourceLink: {
    select: {
      id: true,
      title: true,
      contextTitle: true,
      achievementId: true,
      agsLineitemsUrl: true,
      agsScopes: true,
      nrpsMembershipsUrl: true,
    },
  },
} as const;

/** The launch a token names, while the token and the launch are valid; null otherwise. */
export async function loadLaunch(token: unknown) {
  const launchId = await readLaunchToken(token);
  if (!launchId || !isId(launchId)) return null;
  const launch = await db.ltiLaunch.findUnique({ where: { id: launchId }, select: launchSelect });
  if (!launch || launch.expiresAt.getTime() < Date.now()) return null;
  const org = await db.organization.findUnique({ where: { id: launch.platform.organizationId }, select: { ...billingSelect, name: true } });
  if (!org) return null;
  return { launch, org, platform: launch.platform, resourceLink: launch.resourceLink, instructor: isInstructor(launch.roles), token: token as string };
}
