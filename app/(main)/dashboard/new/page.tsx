import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LaurelLogo } from "@/components/layout/logo";
import { requireUser } from "@/lib/auth/session";
import { CreateOrganizationForm } from "./create-organization-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dashboard.newOrg"))("title") };
}

export default async function NewOrganizationPage() {
  await requireUser("/dashboard/new");
  const t = await getTranslations("dashboard.newOrg");
  return (
    <div className="min-h-screen bg-gradient-to-b from-brand-50 to-stone-50">
      <header className="mx-auto max-w-lg px-4 pt-8"><LaurelLogo href="/dashboard" /></header>
      <main id="main" className="mx-auto max-w-lg px-4 py-8">
        <div className="rounded-2xl border border-stone-200 bg-white p-8 shadow-sm">
          <h1 className="text-2xl font-bold text-stone-900">{t("title")}</h1>
          <p className="mt-1 text-sm text-stone-600">{t("subtitle")}</p>
          <CreateOrganizationForm />
        </div>
      </main>
    </div>
  );
}
