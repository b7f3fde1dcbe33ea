import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ProgramInsightsDashboard } from "@/components/programs/insights-dashboard";
import { pageId } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { loadProgramInsights } from "@/lib/programs/insights-data";
import { featurePage } from "@/components/dashboard/feature-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("programInsights"))("title") };
}

type SearchParams = Record<string, string | string[] | undefined>;

export default async function ProgramAnalyticsPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; programId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { org: slug, programId: rawId } = await params;
  const { ctx, blocked } = await featurePage(slug, "programs", { role: REQUIRED_ROLE["programs:read"] });
  if (blocked) return blocked;
  const programId = pageId(rawId);
  const data = await loadProgramInsights(ctx.org.id, programId, await searchParams).catch((error: unknown) => {
    // Another organization's program is as missing as one that never was.
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  return <ProgramInsightsDashboard path={`/dashboard/${ctx.org.slug}/programs/${programId}/analytics`} {...data} />;
}
