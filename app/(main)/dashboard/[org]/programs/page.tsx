import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/dashboard/page-header";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { TableHead } from "@/components/ui/table-head";
import { can } from "@/lib/auth/roles";
import { listProgramSummaries } from "@/lib/programs/designer";
import { featurePage } from "@/components/dashboard/feature-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("programs"))("title") };
}

export default async function ProgramsPage({ params }: { params: Promise<{ org: string }> }) {
  const { ctx, blocked } = await featurePage((await params).org, "programs");
  if (blocked) return blocked;
  const [t, programs] = await Promise.all([getTranslations("programs.list"), listProgramSummaries(ctx.org.id, { includeArchived: true })]);
  const base = `/dashboard/${ctx.org.slug}/programs`;
  const canDesign = can(ctx.role, "programs:design");
  const newButton = canDesign && <Link href={`${base}/new`} className={buttonClasses("primary")}>{t("new")}</Link>;
  return (
    <>
      <PageHeader title={t("title")} description={t("subtitle")} actions={programs.length > 0 ? newButton : undefined} />
      {programs.length === 0 ? (
        <EmptyState title={t("emptyTitle")} description={canDesign ? t("emptyBody") : t("emptyBodyViewer")}>
          {newButton}
        </EmptyState>
      ) : (
        <div className="relative overflow-x-auto rounded-xl border border-stone-200 bg-white p-4 shadow-sm">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("tableCaption")}</caption>
            <TableHead columns={[t("name"), t("visibility"), t("rules"), t("learners")]} />
            <tbody className="divide-y divide-stone-100">
              {programs.map((program) => (
                <tr key={program.id} data-testid="program-row">
                  <td className="py-2 pr-4">
                    <Link href={`${base}/${program.id}`} className="font-semibold text-brand-800 underline-offset-2 hover:underline">{program.name}</Link>
                    {program.archived && <span className="ml-2 rounded bg-stone-200 px-2 py-0.5 text-xs font-medium text-stone-800">{t("archived")}</span>}
                  </td>
                  <td className="py-2 pr-4 text-stone-800">{t(`visibilities.${program.visibility}`)}</td>
                  <td className="py-2 pr-4 tabular-nums text-stone-800">{program.rules}</td>
                  <td className="py-2 tabular-nums text-stone-800">{program.learners}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
