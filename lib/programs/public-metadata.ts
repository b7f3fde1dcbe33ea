import "server-only";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { env } from "@/lib/env";
import { publicPath } from "@/lib/http/url-contract";
import { publicPageMetadataWithCard } from "@/lib/public/metadata";
import type { PublicProgram } from "./public";

/** The program page's title, description, canonical URL and share card (Open Graph and Twitter). */
export async function programMetadata(program: PublicProgram, locale: string): Promise<Metadata> {
  const t = await getTranslations({ locale, namespace: "programPage" });
  const metadata = await publicPageMetadataWithCard("program", program.id, {
    title: program.name,
    description: program.description || t("metaDescription", { program: program.name, organization: program.organization.name }),
    url: `${env().BASE_URL}${publicPath("program", { id: program.id })}`,
    locale,
  });
  // A members-only program's page is for its organization: never indexed (it has no card either).
  return program.visibility === "public" ? metadata : { ...metadata, robots: { index: false, follow: false } };
}
