import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/layout/site-header";
import { requireUser } from "@/lib/auth/session";
import { ImportBadge } from "./import-badge";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("backpackImport"))("title") };
}

export default async function ImportPage() {
  await requireUser("/backpack/import");
  const t = await getTranslations("backpackImport");
  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto max-w-3xl space-y-6 px-4 py-10">
        <p className="text-sm">
          <Link href="/backpack" className="text-brand-700 underline">{t("backToBackpack")}</Link>
        </p>
        <div>
          <h1 className="text-2xl font-bold text-stone-900">{t("title")}</h1>
          <p className="mt-1 text-stone-700">{t("intro")}</p>
        </div>
        <ImportBadge />
      </main>
    </>
  );
}
