import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/dashboard/page-header";
import { ProgramTabs } from "@/components/programs/program-tabs";
import { orgPage, pageId } from "@/lib/auth/guard";
import { entitlementsOf } from "@/lib/billing/entitlements";
import { findProgram } from "@/lib/programs/manage";

type Props = { children: React.ReactNode; params: Promise<{ org: string; programId: string }> };

/**
 * Every page of one program: its name, and the tabs Design, Learners, Analytics and Events. On a
 * plan without programs, nothing of the program: the page itself shows the plan card.
 */
export default async function ProgramLayout({ children, params }: Props) {
  const { org, programId } = await params;
  const ctx = await orgPage(org);
  if (!entitlementsOf(ctx.org).features.includes("programs")) return children;
  const program = await findProgram(ctx.org.id, pageId(programId));
  if (!program) notFound();
  const t = await getTranslations("programs.designer");
  const base = `/dashboard/${ctx.org.slug}/programs/${program.id}`;
  return (
    <>
      <PageHeader
        title={program.name}
        description={program.archivedAt ? t("archivedNote") : undefined}
        actions={
          <a href={`/p/${program.id}`} className="text-sm font-semibold text-brand-800 underline underline-offset-2">
            {t("publicPage")}
          </a>
        }
      />
      <ProgramTabs
        label={t("tabsLabel")}
        tabs={[
          { href: base, label: t("tabs.design") },
          { href: `${base}/learners`, label: t("tabs.learners") },
          { href: `${base}/analytics`, label: t("tabs.analytics") },
          { href: `${base}/events`, label: t("tabs.events") },
        ]}
      />
      {children}
    </>
  );
}
