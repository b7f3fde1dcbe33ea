import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/layout/site-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requireUser } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("backpack"))("title") };
}

export default async function BackpackPage() {
  const user = await requireUser("/backpack");
  const t = await getTranslations("backpack");
  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto max-w-6xl px-4 py-10">
        <h1 className="text-2xl font-bold text-stone-900">{t("title")}</h1>
        <p className="mt-1 text-stone-700">{t("subtitle", { name: user.name ?? user.email })}</p>
        <div className="mt-8">
          <EmptyState title={t("emptyTitle")} description={t("emptyBody")} />
        </div>
      </main>
    </>
  );
}
