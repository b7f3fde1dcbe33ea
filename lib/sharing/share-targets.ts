import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { notFound } from "@/lib/errors";
import { publicPath } from "@/lib/http/url-contract";
import { isLocale, type Locale } from "@/lib/i18n/config";
import { translatorFor } from "@/lib/i18n/translator";
import { ensureShareLinks } from "./share-links";
import {
  credentialEmbedUrl,
  EMBED_SIZE,
  emailShareUrl,
  embedIframeHtml,
  embedScriptHtml,
  facebookShareUrl,
  linkedInAddToProfileUrl,
  linkedInShareUrl,
  SHARE_CHANNELS,
  type ShareChannel,
  xShareUrl,
} from "./share-urls";

export type ShareTarget = {
  channel: ShareChannel;
  /** This channel's tracked link, `${BASE_URL}/s/{code}`: what the network or the visitor sees. */
  trackedUrl: string;
  /** Where the share goes: the network's share form, a mailto: link, or the tracked link itself. */
  actionUrl: string;
  /** Laurel's path that records the share, then redirects to `actionUrl` (works without JavaScript). */
  sharePath: string;
};

export type ShareTargets = {
  credentialId: string;
  achievementName: string;
  issuerName: string;
  channels: Record<ShareChannel, ShareTarget>;
  embed: {
    /** The card on its own, for a preview link and for the iframe. */
    previewUrl: string;
    iframeHtml: string;
    scriptHtml: string;
  };
};

/** The request's language, when there is a request; English elsewhere (scripts, tests). */
async function currentLocale(): Promise<Locale> {
  try {
    const { getLocale } = await import("next-intl/server");
    const locale = await getLocale();
    return isLocale(locale) ? locale : "en";
  } catch {
    return "en";
  }
}

/**
 * Everything a share panel needs for one credential: a tracked link per channel (created once,
 * stable afterwards) and the outbound URL of each network, prefilled.
 */
export async function shareTargets(credentialId: string, options: { locale?: Locale } = {}): Promise<ShareTargets> {
  const credential = await db.credential.findUnique({
    where: { id: credentialId },
    select: { id: true, validFrom: true, validUntil: true, achievement: { select: { name: true } }, organization: { select: { name: true, linkedinOrganizationId: true } } },
  });
  if (!credential) throw notFound("No such credential");
  const [codes, locale] = await Promise.all([ensureShareLinks(credential.id, SHARE_CHANNELS), options.locale ?? currentLocale()]);
  // The sharing strings live in their own message file, outside the base catalog's type.
  const t = translatorFor(locale).t as unknown as (key: string, values: Record<string, string>) => string;
  const base = env().BASE_URL;
  const tracked = (channel: ShareChannel) => `${base}${publicPath("shareLink", { code: codes[channel] })}`;
  const names = { achievement: credential.achievement.name, issuer: credential.organization.name };
  const previewUrl = credentialEmbedUrl(base, credential.id);

  const actions: Record<ShareChannel, string> = {
    linkedin: linkedInShareUrl(tracked("linkedin")),
    linkedin_profile: linkedInAddToProfileUrl({
      name: names.achievement,
      organizationName: names.issuer,
      organizationId: credential.organization.linkedinOrganizationId,
      issuedAt: credential.validFrom,
      expiresAt: credential.validUntil,
      certUrl: tracked("linkedin_profile"),
      certId: credential.id,
    }),
    x: xShareUrl({ text: t("sharing.text.x", names), url: tracked("x") }),
    facebook: facebookShareUrl(tracked("facebook")),
    email: emailShareUrl({ subject: t("sharing.text.emailSubject", names), body: t("sharing.text.emailBody", { ...names, url: tracked("email") }) }),
    link: tracked("link"),
    embed: previewUrl,
  };
  const channels = Object.fromEntries(
    SHARE_CHANNELS.map((channel) => [
      channel,
      { channel, trackedUrl: tracked(channel), actionUrl: actions[channel], sharePath: `/backpack/share/${credential.id}/${channel}` },
    ]),
  ) as Record<ShareChannel, ShareTarget>;

  return {
    credentialId: credential.id,
    achievementName: names.achievement,
    issuerName: names.issuer,
    channels,
    embed: {
      previewUrl,
      iframeHtml: embedIframeHtml({ src: previewUrl, title: t("sharing.embed.frameTitle", names), ...EMBED_SIZE.credential }),
      scriptHtml: embedScriptHtml({ baseUrl: base, kind: "credential", id: credential.id }),
    },
  };
}
