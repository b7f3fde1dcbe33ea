import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/layout/site-header";
import { Card } from "@/components/ui/card";
import { loadProfileSettings } from "@/lib/backpack/profile";
import { requireUser } from "@/lib/auth/session";
import { ProfileSettingsForm } from "./profile-settings-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("profileSettings"))("title") };
}

export default async function ProfileSettingsPage() {
  const user = await requireUser("/backpack/profile");
  const [t, tImport, settings] = await Promise.all([getTranslations("profileSettings"), getTranslations("backpackImport"), loadProfileSettings(user.id)]);
  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto max-w-3xl space-y-6 px-4 py-10">
        <p className="text-sm">
          <Link href="/backpack" className="text-brand-700 underline">{tImport("backToBackpack")}</Link>
        </p>
        <div>
          <h1 className="text-2xl font-bold text-stone-900">{t("title")}</h1>
          <p className="mt-1 text-stone-700">{t("intro")}</p>
        </div>
        <Card>
          <ProfileSettingsForm
            settings={{
              handle: settings?.handle ?? "",
              name: settings?.name ?? "",
              headline: settings?.headline ?? "",
              photo: settings?.photo ?? null,
              profilePublic: settings?.profilePublic ?? true,
              profileShowProgress: settings?.profileShowProgress ?? false,
            }}
          />
        </Card>
      </main>
    </>
  );
}
