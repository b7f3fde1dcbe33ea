import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { setRequestLocale } from "next-intl/server";
import { ProgramView } from "@/components/programs/program-view";
import { PublicShell } from "@/components/public/public-shell";
import { isLocale } from "@/lib/i18n/config";
import { loadLeaderboard } from "@/lib/programs/leaderboard";
import { loadPublicProgram } from "@/lib/programs/public";
import { programMetadata } from "@/lib/programs/public-metadata";

// /p/{id} for signed-out people, rendered once per locale and minute (no cookies, headers or
// session). Only a public program renders here: a members-only one is the not-found page to
// anyone signed out, and its members get the per-request page.
export const revalidate = 60;
export const dynamicParams = true;
export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ locale: string; id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, id } = await params;
  const program = isLocale(locale) ? await loadPublicProgram(id, null) : null;
  return program ? programMetadata(program, locale) : {};
}

export default async function CachedProgramPage({ params }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const program = await loadPublicProgram(id, null);
  if (!program) notFound();
  const leaderboard = await loadLeaderboard(program.id, null);
  return (
    <PublicShell accent={program.organization.primaryColor}>
      <ProgramView program={program} locale={locale} viewer={null} leaderboard={leaderboard} />
    </PublicShell>
  );
}
