import { getTranslations } from "next-intl/server";
import { kindKey, type CredentialKind } from "@/lib/issuing/credential-kind";
import type { EarnDestination } from "@/lib/sharing/earn-target";
import { ArrowIcon } from "./icons";

type Props = {
  /** Where the button points: a counting redirect (/c/{id}/earn) or the destination itself. */
  href: string;
  destination: EarnDestination;
  issuer: string;
  accent: { background: string; foreground: string };
  /** A note for the issuer's own members, who see the page as visitors do. */
  issuerNote?: string | null;
  /** "Want this certificate too?" for a certificate. */
  kind?: CredentialKind;
};

/** "Want this badge too?": one button, and a line saying where it leads (a program, the issuer's site or page). */
export async function EarnCallToAction({ href, destination, issuer, accent, issuerNote, kind = "badge" }: Props) {
  const t = await getTranslations("publicPages.earn");
  const where =
    destination.kind === "program"
      ? t("viaProgram", { program: destination.programName, issuer })
      : destination.kind === "howToEarn"
        ? t("viaHowToEarn", { issuer })
        : t("viaIssuer", { issuer });
  // Outside links are the issuer's, not endorsed by Laurel; rel says so to search engines.
  const external = destination.kind === "howToEarn" && href === destination.href;
  return (
    <section aria-labelledby="earn-title" className="min-w-0 self-start panel p-5 sm:p-6" data-testid="earn" data-destination={destination.kind}>
      <h2 id="earn-title" className="text-lg font-semibold text-stone-900">{t(kindKey("heading", kind))}</h2>
      <p className="mt-1 text-sm break-words text-stone-700">{t("body", { issuer })}</p>
      <a
        href={href}
        rel={external ? "nofollow noopener" : "nofollow"}
        className="mt-4 inline-flex w-full items-center justify-center gap-2 rounded-lg px-5 py-3 text-base font-semibold shadow-sm transition hover:opacity-90 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-stone-900"
        style={{ backgroundColor: accent.background, color: accent.foreground }}
      >
        {t(kindKey("cta", kind))}
        <ArrowIcon />
      </a>
      <p className="mt-2 text-sm break-words text-stone-700" data-testid="earn-where">{where}</p>
      {issuerNote && <p className="mt-4 text-xs text-stone-700">{issuerNote}</p>}
    </section>
  );
}
