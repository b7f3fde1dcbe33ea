import { db } from "@/lib/db";
import { publicPath } from "@/lib/http/url-contract";
import { decodeImageDataUrl } from "@/lib/images/data-url";
import { isId } from "@/lib/ids";

type WithLogo = { id: string; logo: string | null; updatedAt: Date };

/**
 * An organization as public pages show it: the logo by its own URL (versioned by the last
 * change) instead of its data URL. A logo may weigh 512 KB, and a page would carry it twice
 * (in the HTML and in the payload React hydrates from), on every visit.
 */
export function withLogoUrl<T extends WithLogo>(org: T): Omit<T, "logo" | "updatedAt"> & { logo: string | null } {
  const { logo, updatedAt, ...rest } = org;
  return { ...rest, logo: logo ? `${publicPath("issuerLogo", { orgId: org.id })}?v=${updatedAt.getTime().toString(36)}` : null };
}

/** The logo's bytes for its public route; null when the organization or its logo does not exist. */
export async function organizationLogo(organizationId: string): Promise<{ bytes: Uint8Array; type: string } | null> {
  if (!isId(organizationId)) return null;
  const org = await db.organization.findUnique({ where: { id: organizationId }, select: { logo: true } });
  return decodeImageDataUrl(org?.logo);
}
