import { translatorFor } from "@/lib/i18n/translator";
import { kindKey, type CredentialKind } from "@/lib/issuing/credential-kind";
import { awardBodyHtml, awardBodyText, awardSubject, type AwardValues } from "./award-text";
import type { EmailMessage } from "./mailer";

export type Brand = {
  name: string;
  color: string;
  logo?: string | null;
  /** Plans with own branding sign emails with the organization's name; the others "Sent with Laurel". */
  ownBranding?: boolean;
};

const LAUREL_BRAND: Brand = { name: "Laurel", color: "#1f5f4a" };

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const safeColor = (value: string) => (/^#[0-9a-fA-F]{6}$/.test(value) ? value : LAUREL_BRAND.color);

type Layout = {
  to: string;
  subject: string;
  heading: string;
  paragraphs: string[];
  action: { label: string; url: string };
  footnote: string;
  /** A link under the footnote when it differs from the action's (default: the action's). */
  footnoteUrl?: string;
  brand?: Brand;
  lang: string;
  /** A picture above the heading (the badge), with its alt text. */
  image?: { url: string; alt: string };
  /** A personal note from the sender, set apart from the rest. */
  quote?: string;
  /** The signature line above the address (default: Laurel). */
  signature?: string;
  /** Further links under the button (share links). */
  links?: { label: string; url: string }[];
  /** The way out of this kind of email, in the footer. */
  unsubscribe?: { label: string; url: string };
  /** Paragraphs already made HTML (escaped where they hold anyone's text), in place of `paragraphs` in the HTML part. */
  htmlParagraphs?: string[];
};

/** Wraps content in Laurel's branded, table-based email layout and a plain-text twin. */
export function render({ to, subject, heading, paragraphs, action, footnote, footnoteUrl = action.url, brand = LAUREL_BRAND, lang, image, quote, signature = LAUREL_BRAND.name, links = [], unsubscribe, htmlParagraphs }: Layout): EmailMessage {
  const color = safeColor(brand.color);
  const logo =
    brand.logo && /^data:image\/(png|jpeg|webp);base64,/.test(brand.logo)
      ? `<img src="${brand.logo}" alt="${escapeHtml(brand.name)}" height="40" style="display:block;height:40px;margin:0 auto 8px">`
      : "";
  const html = `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;background:#f4f4f0;font-family:Helvetica,Arial,sans-serif;color:#1c1917">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f4f0;padding:32px 12px"><tr><td align="center">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:12px;overflow:hidden">
<tr><td style="background:${color};padding:20px;text-align:center;color:#ffffff;font-size:18px;font-weight:bold">${logo}${escapeHtml(brand.name)}</td></tr>
<tr><td style="padding:32px">
${image ? `<p style="text-align:center;margin:0 0 16px"><img src="${escapeHtml(image.url)}" alt="${escapeHtml(image.alt)}" width="160" height="160" style="width:160px;height:160px"></p>` : ""}
<h1 style="font-size:22px;margin:0 0 16px">${escapeHtml(heading)}</h1>
${(htmlParagraphs ?? paragraphs.map(escapeHtml)).map((p) => `<p style="font-size:16px;line-height:1.5;margin:0 0 16px">${p}</p>`).join("\n")}
${quote ? `<blockquote style="margin:0 0 16px;padding:12px 16px;border-left:4px solid ${color};background:#f5f5f4;font-size:15px;line-height:1.5;white-space:pre-line">${escapeHtml(quote)}</blockquote>` : ""}
<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="background:${color};color:#ffffff;text-decoration:none;padding:12px 20px;border-radius:8px;font-weight:bold;display:inline-block">${escapeHtml(action.label)}</a></p>
${links.length ? `<p style="font-size:15px;margin:0 0 24px">${links.map((link) => `<a href="${escapeHtml(link.url)}" style="color:#1c1917;margin-right:16px">${escapeHtml(link.label)}</a>`).join("")}</p>` : ""}
<p style="font-size:13px;color:#57534e;line-height:1.5;margin:0">${escapeHtml(footnote)}<br><a href="${escapeHtml(footnoteUrl)}" style="color:#57534e;word-break:break-all">${escapeHtml(footnoteUrl)}</a></p>
</td></tr>
<tr><td style="padding:16px 32px;font-size:12px;color:#78716c;border-top:1px solid #e7e5e4">${escapeHtml(signature)} · ${escapeHtml(to)}${unsubscribe ? ` · <a href="${escapeHtml(unsubscribe.url)}" style="color:#57534e">${escapeHtml(unsubscribe.label)}</a>` : ""}</td></tr>
</table></td></tr></table></body></html>`;
  const text = [brand.name, "", heading, "", ...paragraphs.flatMap((p) => [p, ""]), ...(quote ? [quote, ""] : []), `${action.label}: ${action.url}`, ...links.map((link) => `${link.label}: ${link.url}`), "", footnote, ...(footnoteUrl !== action.url ? [footnoteUrl] : []), "", `${signature} · ${to}`, ...(unsubscribe ? [`${unsubscribe.label}: ${unsubscribe.url}`] : [])].join("\n");
  return { to, subject, html, text };
}

type AccountEmail = "magicLink" | "verifyEmail" | "passwordReset" | "confirmSignUp" | "signUpAttempt";

/** The account emails share one shape: a heading, a sentence, one button, a footnote. */
function accountEmail(kind: AccountEmail, input: { to: string; url: string; locale?: string | null; footnoteUrl?: string }): EmailMessage {
  const { t, locale } = translatorFor(input.locale);
  return render({
    to: input.to,
    lang: locale,
    subject: t(`email.${kind}.subject`),
    heading: t(`email.${kind}.heading`),
    paragraphs: [t(`email.${kind}.body`, { email: input.to })],
    action: { label: t(`email.${kind}.action`), url: input.url },
    footnote: t(`email.${kind}.footnote`),
    footnoteUrl: input.footnoteUrl,
  });
}

type AccountEmailInput = { to: string; url: string; locale?: string | null };
export const magicLinkEmail = (input: AccountEmailInput) => accountEmail("magicLink", input);
export const verifyEmailEmail = (input: AccountEmailInput) => accountEmail("verifyEmail", input);
export const passwordResetEmail = (input: AccountEmailInput) => accountEmail("passwordReset", input);
/** The link that creates an account signed up for with this address. */
export const confirmSignUpEmail = (input: AccountEmailInput) => accountEmail("confirmSignUp", input);
/** To the owner of an address someone tried to sign up with again: how to sign in or reset. */
export const signUpAttemptEmail = (input: AccountEmailInput & { resetUrl: string }) =>
  accountEmail("signUpAttempt", { ...input, footnoteUrl: input.resetUrl });

export function invitationEmail(input: {
  to: string;
  url: string;
  locale?: string | null;
  organization: Brand;
  inviterName: string;
  role: string;
}): EmailMessage {
  const { t, locale } = translatorFor(input.locale);
  const org = input.organization.name;
  return render({
    to: input.to,
    lang: locale,
    brand: input.organization,
    subject: t("email.invitation.subject", { org }),
    heading: t("email.invitation.heading", { org }),
    paragraphs: [
      t("email.invitation.body", { inviter: input.inviterName, org, role: t(`roles.${input.role}` as "roles.viewer") }),
    ],
    action: { label: t("email.invitation.action"), url: input.url },
    footnote: t("email.invitation.footnote"),
  });
}

export function claimEmail(input: {
  to: string;
  /** The credential's public page (verifiable by anyone). */
  url: string;
  /** The claim page the button opens; the public page when absent. */
  claimUrl?: string;
  locale?: string | null;
  organization: Brand;
  recipientName: string | null;
  achievementName: string;
  message?: string | null;
  imageUrl?: string;
  /** A certificate's email says "certificate" where a badge's says "badge". */
  kind?: CredentialKind;
  /** The achievement's own subject and body (either may be empty: Laurel's text then). */
  custom?: { subject: string | null; body: string | null };
  issuedOn?: Date;
}): EmailMessage {
  const { t: translate, locale } = translatorFor(input.locale);
  // The certificate wording lives in en.certificates.json, outside the base catalog's type.
  const t = (key: string, values?: Record<string, string | number>) => translate(key as never, values as never) as string;
  const org = input.organization.name;
  const achievement = input.achievementName;
  const kind = input.kind ?? "badge";
  const claimUrl = input.claimUrl ?? input.url;
  const values: AwardValues = {
    recipient_name: input.recipientName ?? "",
    achievement_name: achievement,
    organization_name: org,
    claim_url: claimUrl,
    issued_on: new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(input.issuedOn ?? new Date()),
  };
  const customSubject = input.custom?.subject?.trim() ? awardSubject(input.custom.subject, values) : null;
  const customBody = input.custom?.body?.trim() ? input.custom.body : null;
  return render({
    to: input.to,
    lang: locale,
    brand: input.organization,
    image: input.imageUrl ? { url: input.imageUrl, alt: achievement } : undefined,
    subject: customSubject || t("email.claim.subject", { org, achievement }),
    heading: input.recipientName ? t("email.claim.headingNamed", { name: input.recipientName }) : t("email.claim.heading"),
    paragraphs: customBody ? [awardBodyText(customBody, values)] : [t(kindKey("email.claim.body", kind), { org, achievement })],
    htmlParagraphs: customBody ? awardBodyHtml(customBody, values) : undefined,
    quote: input.message ?? undefined,
    action: { label: t(kindKey("email.claim.action", kind)), url: claimUrl },
    footnote: t("email.claim.footnote"),
    footnoteUrl: input.url,
    signature: input.organization.ownBranding ? org : t("email.sentWithLaurel"),
  });
}

export function revokedEmail(input: { to: string; url: string; locale?: string | null; organization: Brand; achievementName: string }): EmailMessage {
  const { t, locale } = translatorFor(input.locale);
  const org = input.organization.name;
  const achievement = input.achievementName;
  return render({
    to: input.to,
    lang: locale,
    brand: input.organization,
    subject: t("email.revoked.subject", { achievement }),
    heading: t("email.revoked.heading"),
    paragraphs: [t("email.revoked.body", { org, achievement })],
    action: { label: t("email.revoked.action"), url: input.url },
    footnote: t("email.revoked.footnote"),
    signature: input.organization.ownBranding ? org : t("email.sentWithLaurel"),
  });
}

/** To an organization's owners and admins: a webhook endpoint was turned off for failing. */
export function webhookDisabledEmail(input: { to: string; url: string; endpointUrl: string; locale?: string | null; organization: Brand }): EmailMessage {
  const { t, locale } = translatorFor(input.locale);
  const org = input.organization.name;
  return render({
    to: input.to,
    lang: locale,
    brand: input.organization,
    subject: t("email.webhookDisabled.subject", { org }),
    heading: t("email.webhookDisabled.heading"),
    paragraphs: [t("email.webhookDisabled.body", { url: input.endpointUrl }), t("email.webhookDisabled.body2")],
    action: { label: t("email.webhookDisabled.action"), url: input.url },
    footnote: t("email.webhookDisabled.footnote", { org }),
  });
}
