import { getTranslations } from "next-intl/server";
import { CopyField } from "@/components/sharing/copy-field";
import { NativeShareButton } from "@/components/sharing/native-share-button";
import { buttonClasses } from "@/components/ui/button";
import { emailShareUrl, facebookShareUrl, linkedInShareUrl, xShareUrl } from "@/lib/sharing/share-urls";

/**
 * "Share this program": the page's own link to the networks, by email, copied, or through the
 * phone's share sheet. The link previews with the program's card (its OG image).
 */
export async function ProgramShare({ url, programName, organizationName }: { url: string; programName: string; organizationName: string }) {
  const [t, tPanel, tHome] = await Promise.all([getTranslations("programPage"), getTranslations("sharing.panel"), getTranslations("learnerHome.share")]);
  const text = t("shareText", { program: programName, organization: organizationName });
  const networks = [
    { channel: "linkedin", label: tPanel("linkedin"), href: linkedInShareUrl(url) },
    { channel: "x", label: tPanel("x"), href: xShareUrl({ text, url }) },
    { channel: "facebook", label: tPanel("facebook"), href: facebookShareUrl(url) },
    { channel: "email", label: tPanel("email"), href: emailShareUrl({ subject: programName, body: `${text}\n\n${url}` }) },
  ];
  return (
    <section aria-labelledby="program-share-title" data-testid="program-share" className="border-t border-stone-200 pt-6">
      <h2 id="program-share-title" className="text-xl font-semibold text-stone-900">{t("share")}</h2>
      <p className="mt-1 text-sm text-stone-700">{t("shareIntro")}</p>
      <ul className="mt-4 flex flex-wrap gap-2">
        <li className="empty:hidden">
          <NativeShareButton url={url} title={programName} text={text} label={tHome("native")} />
        </li>
        {networks.map(({ channel, label, href }) => (
          <li key={channel}>
            {/* Email hands over to the mail app; a new tab would stay behind empty. */}
            <a href={href} {...(channel === "email" ? {} : { target: "_blank", rel: "noopener" })} className={buttonClasses("secondary")} data-channel={channel}>
              {label}
              {channel !== "email" && <span className="sr-only"> {tPanel("opensNewTab")}</span>}
            </a>
          </li>
        ))}
      </ul>
      <div className="mt-4 max-w-xl">
        <CopyField label={t("shareLinkLabel")} value={url} copyLabel={tPanel("copyLink")} copiedMessage={tPanel("copied")} failedMessage={tPanel("copyFailed")} />
      </div>
    </section>
  );
}
