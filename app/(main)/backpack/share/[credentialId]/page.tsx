import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/layout/site-header";
import { SharePanel } from "@/components/sharing/share-panel";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { requireUser } from "@/lib/auth/session";
import { shareableEntry } from "@/lib/sharing/record-share";
import { shareTargets } from "@/lib/sharing/share-targets";

type Props = { params: Promise<{ credentialId: string }> };

export const metadata: Metadata = { robots: { index: false } };

/** One credential's share panel on its own page; also where a refused share lands. */
export default async function ShareCredentialPage({ params }: Props) {
  const { credentialId } = await params;
  const user = await requireUser(`/backpack/share/${encodeURIComponent(credentialId)}`);
  const entry = await shareableEntry(user.id, credentialId);
  if (!entry) notFound();
  const [t, targets] = await Promise.all([getTranslations("sharing.page"), shareTargets(credentialId)]);
  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto max-w-3xl px-4 py-10">
        <Link href="/backpack" className="text-sm font-semibold text-brand-700 underline">{t("back")}</Link>
        <h1 className="mt-4 text-2xl font-bold text-stone-900">{t("title", { name: targets.achievementName })}</h1>
        <div className="mt-6">
          {entry.visibility === "private" ? (
            <Alert tone="warning" title={t("privateTitle")}>
              <p>{t("privateBody")}</p>
              <Link href={`/backpack/${entry.id}`} className={buttonClasses("secondary", "mt-3")}>{t("privateAction")}</Link>
            </Alert>
          ) : (
            <SharePanel targets={targets} />
          )}
        </div>
      </main>
    </>
  );
}
