import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { cache } from "react";
import { ProgramView } from "@/components/programs/program-view";
import { PublicShell } from "@/components/public/public-shell";
import { getSessionUser } from "@/lib/auth/session";
import { loadPublicProgram } from "@/lib/programs/public";

// Rendered per request: a members-only program depends on who is looking.
type Props = { params: Promise<{ id: string }> };

// Loaded once per request, for the metadata and the body alike.
const load = cache(async (id: string) => {
  const viewer = await getSessionUser().catch(() => null);
  return loadPublicProgram(id, viewer?.id);
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const program = await load((await params).id);
  return program ? { title: program.name, description: program.description.slice(0, 200) || undefined } : {};
}

export default async function ProgramPage({ params }: Props) {
  const program = await load((await params).id);
  if (!program) notFound();
  return (
    <PublicShell accent={program.organization.primaryColor}>
      <ProgramView program={program} locale={await getLocale()} />
    </PublicShell>
  );
}
