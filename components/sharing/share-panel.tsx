import { useTranslations } from "next-intl";
import { buttonClasses } from "@/components/ui/button";
import type { ShareTargets } from "@/lib/sharing/share-targets";
import type { ShareChannel } from "@/lib/sharing/share-urls";
import { CopyField } from "./copy-field";
import { NativeShareButton } from "./native-share-button";

const NETWORK_BUTTONS: { channel: ShareChannel; label: "linkedinProfile" | "linkedin" | "x" | "facebook" | "email" }[] = [
  { channel: "linkedin_profile", label: "linkedinProfile" },
  { channel: "linkedin", label: "linkedin" },
  { channel: "x", label: "x" },
  { channel: "facebook", label: "facebook" },
  { channel: "email", label: "email" },
];

/**
 * Everything a learner needs to share one credential: network buttons, a copyable tracked link
 * and embed snippets. Buttons go through Laurel's share route, which records the share and
 * redirects to the network, so they work without JavaScript. Render it with the result of
 * `shareTargets(credentialId)`.
 */
export function SharePanel({ targets, credentialName, withEmbed = true }: { targets: ShareTargets; credentialName?: string; withEmbed?: boolean }) {
  const t = useTranslations("sharing.panel");
  const tHome = useTranslations("learnerHome.share");
  const { channels, embed } = targets;
  const headingId = `share-${targets.credentialId}`;
  return (
    <section aria-labelledby={headingId} className="rounded-2xl border border-stone-200 bg-white p-6 shadow-sm">
      <h2 id={headingId} className="text-lg font-semibold text-stone-900">{credentialName ? t("titleNamed", { name: credentialName }) : t("title")}</h2>
      <p className="mt-1 text-sm text-stone-700">{t("intro")}</p>

      <h3 className="sr-only">{t("networks")}</h3>
      <ul className="mt-4 flex flex-wrap gap-2">
        <li className="empty:hidden">
          <NativeShareButton
            url={channels.link.trackedUrl}
            title={targets.achievementName}
            text={tHome("nativeText", { badge: targets.achievementName, issuer: targets.issuerName })}
            label={tHome("native")}
            recordPath={channels.link.sharePath}
          />
        </li>
        {NETWORK_BUTTONS.map(({ channel, label }) => (
          <li key={channel}>
            {/* Email hands over to the mail app; a new tab would stay behind empty. */}
            <a
              href={channels[channel].sharePath}
              {...(channel === "email" ? {} : { target: "_blank", rel: "noopener" })}
              className={buttonClasses(channel === "linkedin_profile" ? "primary" : "secondary")}
              data-channel={channel}
            >
              {t(label)}
              {channel !== "email" && <span className="sr-only"> {t("opensNewTab")}</span>}
            </a>
          </li>
        ))}
      </ul>

      <div className="mt-6">
        <CopyField
          label={t("linkLabel")}
          value={channels.link.trackedUrl}
          copyLabel={t("copyLink")}
          copiedMessage={t("copied")}
          failedMessage={t("copyFailed")}
          recordPath={channels.link.sharePath}
        />
      </div>

      {withEmbed && (
        <section className="mt-6 border-t border-stone-200 pt-6" aria-labelledby={`${headingId}-embed`}>
          <h3 id={`${headingId}-embed`} className="text-base font-semibold text-stone-900">{t("embedTitle")}</h3>
          <p className="mt-1 text-sm text-stone-700">{t("embedIntro")}</p>
          <div className="mt-4 space-y-4">
            <CopyField
              label={t("iframeLabel")}
              value={embed.iframeHtml}
              multiline
              copyLabel={t("copyIframe")}
              copiedMessage={t("snippetCopied")}
              failedMessage={t("copyFailed")}
              recordPath={channels.embed.sharePath}
            />
            <CopyField
              label={t("scriptLabel")}
              value={embed.scriptHtml}
              multiline
              copyLabel={t("copyScript")}
              copiedMessage={t("snippetCopied")}
              failedMessage={t("copyFailed")}
              recordPath={channels.embed.sharePath}
            />
          </div>
          <a href={embed.previewUrl} target="_blank" rel="noopener" className="mt-3 inline-block text-sm font-semibold text-brand-700 underline">
            {t("preview")}
            <span className="sr-only"> {t("opensNewTab")}</span>
          </a>
        </section>
      )}
    </section>
  );
}
