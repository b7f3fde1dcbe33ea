import { kindKey, type CredentialKind } from "@/lib/issuing/credential-kind";
import { translatorFor } from "@/lib/i18n/translator";
import type { EmailMessage } from "@/lib/email/mailer";
import { render, type Brand } from "@/lib/email/templates";
import type { EmailLinks } from "./send-once";

// The engagement emails' words and layout. Every URL goes through `links.track`, so following
// one records the open; the footer carries the way out of this kind of email.

type Common = { to: string; locale?: string | null; organization: Brand; name?: string | null; links: EmailLinks };

function frame(input: Common, kind: string) {
  const { t: translate, locale } = translatorFor(input.locale);
  // These keys live in en.email.json, outside the base catalog the translator's type is drawn from.
  const t = (key: string, values?: Record<string, string | number>) => translate(key as never, values as never) as string;
  const org = input.organization.name;
  return {
    t,
    locale,
    org,
    base: {
      to: input.to,
      lang: locale,
      brand: input.organization,
      signature: input.organization.ownBranding ? org : t("email.sentWithLaurel"),
      unsubscribe: { label: t(`engagementEmails.unsubscribe.${kind}`), url: input.links.unsubscribeUrl },
    },
    greeting: input.name ? t("engagementEmails.greetingNamed", { name: input.name }) : null,
  };
}

export function claimReminderEmail(input: Common & { achievementName: string; claimUrl: string; publicUrl: string; days: number; kind?: CredentialKind }): EmailMessage {
  const { t, org, base, greeting } = frame(input, "claim_reminder");
  const achievement = input.achievementName;
  // A certificate's reminder says "certificate" (and, in Spanish, agrees with it).
  const key = (name: string) => `engagementEmails.claimReminder.${kindKey(name, input.kind ?? "badge")}`;
  return render({
    ...base,
    subject: t(key("subject"), { achievement, org }),
    heading: greeting ?? t(key("heading")),
    paragraphs: [t(key("body"), { achievement, org, days: input.days })],
    action: { label: t(key("action")), url: input.links.track(input.claimUrl) },
    footnote: t(key("footnote"), { org }),
    footnoteUrl: input.links.track(input.publicUrl),
  });
}

export function expiryReminderEmail(input: Common & { achievementName: string; validUntil: Date; credentialUrl: string; renewUrl: string | null }): EmailMessage {
  const { t, locale, org, base, greeting } = frame(input, "expiry_reminder");
  const achievement = input.achievementName;
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(input.validUntil);
  const renew = input.renewUrl ? input.links.track(input.renewUrl) : null;
  return render({
    ...base,
    subject: t("engagementEmails.expiryReminder.subject", { achievement, date }),
    heading: greeting ?? t("engagementEmails.expiryReminder.heading"),
    paragraphs: [
      t("engagementEmails.expiryReminder.body", { achievement, org, date }),
      renew ? t("engagementEmails.expiryReminder.renewBody", { org }) : t("engagementEmails.expiryReminder.noRenewBody", { org }),
    ],
    action: renew
      ? { label: t("engagementEmails.expiryReminder.renewAction"), url: renew }
      : { label: t("engagementEmails.expiryReminder.viewAction"), url: input.links.track(input.credentialUrl) },
    footnote: t("engagementEmails.expiryReminder.footnote"),
    footnoteUrl: input.links.track(input.credentialUrl),
  });
}

export function oneStepAwayEmail(
  input: Common & { programName: string; achievementName: string; step: { kind: "event"; metric: string; current: number; target: number } | { kind: "badge" }; continueUrl: string },
): EmailMessage {
  const { t, org, base, greeting } = frame(input, "one_step_away");
  const achievement = input.achievementName;
  const program = input.programName;
  const url = input.links.track(input.continueUrl);
  return render({
    ...base,
    subject: t("engagementEmails.oneStepAway.subject", { achievement }),
    heading: greeting ?? t("engagementEmails.oneStepAway.heading"),
    paragraphs: [
      input.step.kind === "event"
        ? t("engagementEmails.oneStepAway.bodyEvent", { achievement, program, metric: input.step.metric, current: input.step.current, target: input.step.target })
        : t("engagementEmails.oneStepAway.bodyBadge", { achievement, program }),
    ],
    action: { label: t("engagementEmails.oneStepAway.action"), url },
    footnote: t("engagementEmails.oneStepAway.footnote", { org, program }),
  });
}

export function levelReachedEmail(
  input: Common & { programName: string; level: string; claimUrl: string; publicUrl: string; shareUrls: { linkedin: string; x: string } },
): EmailMessage {
  const { t, org, base, greeting } = frame(input, "level_reached");
  const { level } = input;
  return render({
    ...base,
    subject: t("engagementEmails.levelReached.subject", { level }),
    heading: greeting ? `${greeting} ${t("engagementEmails.levelReached.heading", { level })}` : t("engagementEmails.levelReached.heading", { level }),
    paragraphs: [t("engagementEmails.levelReached.body", { level, program: input.programName, org })],
    action: { label: t("engagementEmails.levelReached.action"), url: input.links.track(input.claimUrl) },
    links: [
      { label: t("engagementEmails.levelReached.shareLinkedIn"), url: input.links.track(input.shareUrls.linkedin) },
      { label: t("engagementEmails.levelReached.shareX"), url: input.links.track(input.shareUrls.x) },
    ],
    footnote: t("engagementEmails.levelReached.footnote"),
    footnoteUrl: input.links.track(input.publicUrl),
  });
}

export function reEngagementEmail(input: Common & { programName: string; days: number; continueUrl: string }): EmailMessage {
  const { t, org, base, greeting } = frame(input, "re_engagement");
  const program = input.programName;
  return render({
    ...base,
    subject: t("engagementEmails.reEngagement.subject", { program }),
    heading: greeting ?? t("engagementEmails.reEngagement.heading"),
    paragraphs: [t("engagementEmails.reEngagement.body", { program, days: input.days, org })],
    action: { label: t("engagementEmails.reEngagement.action"), url: input.links.track(input.continueUrl) },
    footnote: t("engagementEmails.reEngagement.footnote", { org, program }),
  });
}
