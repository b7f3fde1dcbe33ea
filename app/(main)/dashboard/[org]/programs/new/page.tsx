import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/dashboard/page-header";
import { orgPage } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { ProgramForm } from "../program-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("programs.designer"))("newTitle") };
}

export default async function NewProgramPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await orgPage((await params).org, REQUIRED_ROLE["programs:design"]);
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
