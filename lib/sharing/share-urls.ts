/**
 * Outbound share URLs and embed snippets, as the networks document them. Pure functions: no
 * database, no framework, so every parameter can be asserted in a unit test.
 */

import { publicPath } from "@/lib/http/url-contract";

/** Where a learner can share a credential; each gets its own tracked `/s/{code}` link. */
export const SHARE_CHANNELS = ["linkedin", "linkedin_profile", "x", "facebook", "email", "link", "embed"] as const;
export type ShareChannel = (typeof SHARE_CHANNELS)[number];

/** Channels that leave Laurel for another site (recorded, then redirected). */
export const NETWORK_CHANNELS = ["linkedin", "linkedin_profile", "x", "facebook", "email"] as const satisfies readonly ShareChannel[];

export function isShareChannel(value: unknown): value is ShareChannel {
  return typeof value === "string" && (SHARE_CHANNELS as readonly string[]).includes(value);
}

// encodeURIComponent, not URLSearchParams: `+` for spaces is read literally by mail clients.
const query = (params: [string, string | number | null | undefined][]) =>
  params
    .filter((entry): entry is [string, string | number] => entry[1] !== null && entry[1] !== undefined && entry[1] !== "")
    .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`)
    .join("&");

export function linkedInShareUrl(url: string): string {
  return `https://www.linkedin.com/sharing/share-offsite/?${query([["url", url]])}`;
}

export type AddToProfileInput = {
  /** The achievement's name, as the certification's name. */
  name: string;
  organizationName: string;
  /** The issuer's LinkedIn company page id: LinkedIn then links the certification to that page. */
  organizationId?: string | null;
  issuedAt: Date;
  expiresAt?: Date | null;
  /** The tracked link LinkedIn shows as "Show credential". */
  certUrl: string;
  certId: string;
};

/**
 * LinkedIn's "Add licence or certification" form, prefilled. Months are 1–12 and, like years,
 * taken in UTC so the profile shows the dates printed in the credential.
 */
export function linkedInAddToProfileUrl(input: AddToProfileInput): string {
  return `https://www.linkedin.com/profile/add?${query([
    ["startTask", "CERTIFICATION_NAME"],
    ["name", input.name],
    // LinkedIn takes the page id or a plain name, not both.
    ["organizationId", input.organizationId],
    ["organizationName", input.organizationId ? null : input.organizationName],
    ["issueYear", input.issuedAt.getUTCFullYear()],
    ["issueMonth", input.issuedAt.getUTCMonth() + 1],
    ["expirationYear", input.expiresAt ? input.expiresAt.getUTCFullYear() : null],
    ["expirationMonth", input.expiresAt ? input.expiresAt.getUTCMonth() + 1 : null],
    ["certUrl", input.certUrl],
    ["certId", input.certId],
  ])}`;
}

export function xShareUrl({ text, url }: { text: string; url: string }): string {
  return `https://twitter.com/intent/tweet?${query([["text", text], ["url", url]])}`;
}

export function facebookShareUrl(url: string): string {
  return `https://www.facebook.com/sharer/sharer.php?${query([["u", url]])}`;
}

export function emailShareUrl({ subject, body }: { subject: string; body: string }): string {
  return `mailto:?${query([["subject", subject], ["body", body]])}`;
}

/** Escapes text for an HTML attribute or element (snippets people paste into their sites). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * The plain iframe snippet's size. The credential card's names are clamped, so its content never
 * outgrows this height, and it stretches to fill it (e2e/sharing.spec.ts checks both).
 */
export const EMBED_SIZE = { credential: { width: 360, height: 260 }, issuer: { width: 720, height: 560 } } as const;

export function credentialEmbedUrl(baseUrl: string, credentialId: string): string {
  return `${baseUrl}${publicPath("credentialEmbed", { id: credentialId })}`;
}

export function issuerEmbedUrl(baseUrl: string, organizationId: string): string {
  return `${baseUrl}${publicPath("issuerEmbed", { orgId: organizationId })}`;
}

/** A plain iframe: works on any site that accepts HTML, sized for the card. */
export function embedIframeHtml({ src, title, width, height }: { src: string; title: string; width: number; height: number }): string {
  return `<iframe src="${escapeHtml(src)}" title="${escapeHtml(title)}" width="${width}" height="${height}" style="border:0;max-width:100%" loading="lazy"></iframe>`;
}

/** The script widget: a placeholder element and Laurel's embed.js, which sizes the frame to fit. */
export function embedScriptHtml({ baseUrl, kind, id }: { baseUrl: string; kind: "credential" | "issuer"; id: string }): string {
  return `<div data-laurel-${kind}="${escapeHtml(id)}"></div>\n<script async src="${escapeHtml(`${baseUrl}/embed.js`)}"></script>`;
}
