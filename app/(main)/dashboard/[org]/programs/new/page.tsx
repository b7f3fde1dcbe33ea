import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/dashboard/page-header";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { ProgramForm } from "../program-form";
import { featurePage } from "@/components/dashboard/feature-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("programs.designer"))("newTitle") };
}

export default async function NewProgramPage({ params }: { params: Promise<{ org: string }> }) {
  const { ctx, blocked } = await featurePage((await params).org, "programs", { role: REQUIRED_ROLE["programs:design"] });
  if (blocked) return blocked;
  const t = await getTranslations("programs.designer");
  return (
    <>
      <PageHeader title={t("newTitle")} description={t("newSubtitle")} />
      <ProgramForm
        org={ctx.org.slug}
        values={{
          name: "",
          description: "",
          visibility: "public",
          enrolUrl: "",
          metrics: [{ key: "", labelEn: "", labelEs: "", unit: "", aggregate: "sum" }],
        }}
      />
    </>
  );
}
