// An achievement's own award email: a subject and a body written by the issuer, with
// placeholders ({{recipient_name}}, …) and a little Markdown. Pure (no server imports): the
// settings form's live preview renders with the same code as the mailer.

export const AWARD_PLACEHOLDERS = ["recipient_name", "achievement_name", "organization_name", "claim_url", "issued_on"] as const;

export type AwardPlaceholder = (typeof AWARD_PLACEHOLDERS)[number];
export type AwardValues = Record<AwardPlaceholder, string>;

export const AWARD_SUBJECT_MAX = 200;
export const AWARD_BODY_MAX = 5000;

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const LINK = /\[([^\]\n]+)\]\(([^)\n]*)\)/g;
const CLAIM_URL = /^\{\{\s*claim_url\s*\}\}$/;
const BOLD = /\*\*([^*\n]+)\*\*/g;
const ITALIC_STAR = /(^|[^\w*])\*([^*\n]+)\*(?=$|[^\w*])/g;
// Not inside words, so placeholders like {{recipient_name}} keep their underscores.
const ITALIC_UNDERSCORE = /(^|[^\w_])_([^_\n]+)_(?=$|[^\w_])/g;

const isKnown = (name: string): name is AwardPlaceholder => (AWARD_PLACEHOLDERS as readonly string[]).includes(name);

/** What is wrong with a subject or body: placeholders Laurel does not know, links to anything but the claim page. */
export function awardTextProblems(text: string): { unknownPlaceholders: string[]; foreignLinks: boolean } {
  const unknown = new Set<string>();
  for (const match of text.matchAll(PLACEHOLDER)) if (!isKnown(match[1])) unknown.add(`{{${match[1]}}}`);
  // A lone "{{" or "}}" is a placeholder typed wrong, not text to send as it is.
  const stray = text.replace(PLACEHOLDER, "");
  if (stray.includes("{{") || stray.includes("}}")) unknown.add(stray.includes("{{") ? "{{" : "}}");
  const foreignLinks = [...text.matchAll(LINK)].some((match) => !CLAIM_URL.test(match[2].trim()));
  return { unknownPlaceholders: [...unknown], foreignLinks };
}

const fill = (text: string, values: AwardValues, encode: (value: string) => string = (value) => value) =>
  text.replace(PLACEHOLDER, (whole, name: string) => (isKnown(name) ? encode(values[name]) : whole));

/** The subject as sent: placeholders filled, on one line. */
export function awardSubject(subject: string, values: AwardValues): string {
  return fill(subject, values).replace(/\s+/g, " ").trim();
}

/** The plain-text part: placeholders filled, a link written as "label: URL", emphasis marks dropped. */
export function awardBodyText(body: string, values: AwardValues): string {
  const linked = body.replace(LINK, (_whole, label: string) => `${label}: ${values.claim_url}`);
  return fill(stripEmphasis(linked), values).trim();
}

export const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function stripEmphasis(text: string): string {
  return text.replace(BOLD, "$1").replace(ITALIC_STAR, "$1$2").replace(ITALIC_UNDERSCORE, "$1$2");
}

/**
 * The HTML paragraphs: the issuer's text escaped first, then a blank line starts a paragraph, a
 * newline breaks the line, **bold** and *italic* apply, [label]({{claim_url}}) and a bare
 * {{claim_url}} become the one link. Placeholder values are escaped as they go in: a recipient
 * named "<script>" arrives as text.
 */
export function awardBodyHtml(body: string, values: AwardValues): string[] {
  const link = (label: string) => `<a href="${escapeHtml(values.claim_url)}" style="color:inherit">${label}</a>`;
  return body
    .trim()
    .split(/\n\s*\n/)
    .filter((paragraph) => paragraph.trim())
    .map((paragraph) => {
      // Links are set aside before escaping, so their labels are escaped and filled like the rest.
      const labels: string[] = [];
      const marked = paragraph.trim().replace(LINK, (_whole, label: string) => `\u0000${labels.push(label) - 1}\u0000`);
      let html = inline(escapeHtml(marked));
      html = html.replace(/\{\{\s*claim_url\s*\}\}/g, () => link(escapeHtml(values.claim_url)));
      html = fill(html, values, escapeHtml);
      html = html.replace(/\u0000(\d+)\u0000/g, (_whole, index: string) => link(fill(inline(escapeHtml(labels[Number(index)])), values, escapeHtml)));
      return html.replace(/\n/g, "<br>");
    });
}

function inline(escaped: string): string {
  return escaped
    .replace(BOLD, "<strong>$1</strong>")
    .replace(ITALIC_STAR, "$1<em>$2</em>")
    .replace(ITALIC_UNDERSCORE, "$1<em>$2</em>");
}

/** Sample values for the settings preview. */
export function sampleAwardValues(input: { achievementName: string; organizationName: string; recipientName: string; issuedOn: string; claimUrl: string }): AwardValues {
  return {
    recipient_name: input.recipientName,
    achievement_name: input.achievementName,
    organization_name: input.organizationName,
    claim_url: input.claimUrl,
    issued_on: input.issuedOn,
  };
}
