import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { cache } from "react";
import { ProgramView } from "@/components/programs/program-view";
import { PublicShell } from "@/components/public/public-shell";
import { getSessionUser } from "@/lib/auth/session";
import { programViewer } from "@/lib/programs/join";
import { loadLeaderboard } from "@/lib/programs/leaderboard";
import { progressForUser } from "@/lib/programs/my-progress";
import { loadPublicProgram } from "@/lib/programs/public";
import { programMetadata } from "@/lib/programs/public-metadata";
import { JoinProgramButton, LeaderboardOptIn } from "./program-join";

// Signed-in viewers, rendered per request: a members-only program, the Join button and the
// leaderboard switch depend on who is looking (signed-out people get app/(cached)/…/p/[id]).
type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ joined?: string }> };

// Loaded once per request, for the metadata and the body alike.
const load = cache(async (id: string) => {
  const viewer = await getSessionUser().catch(() => null);
  const program = await loadPublicProgram(id, viewer?.id);
  return { viewer, program };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { program } = await load((await params).id);
  return program ? programMetadata(program, await getLocale()) : {};
}

export default async function ProgramPage({ params, searchParams }: Props) {
  const { viewer: user, program } = await load((await params).id);
  if (!program) notFound();
  const [viewer, leaderboard, t, locale] = await Promise.all([
    programViewer(program.id, user?.id),
    loadLeaderboard(program.id, user?.id),
    getTranslations("programPage"),
    getLocale(),
  ]);
  const optedIn = viewer.signedIn && viewer.optedIn;
  const [progress] = viewer.signedIn && viewer.enrolled && user ? await progressForUser(user.id, { programId: program.id, locale }) : [];
  return (
    <PublicShell accent={program.organization.primaryColor} personal>
      <ProgramView
        program={program}
        locale={locale}
        viewer={viewer}
        leaderboard={leaderboard}
        joinedNow={(await searchParams).joined === "1"}
        progress={progress ?? null}
        join={<JoinProgramButton programId={program.id} label={t("join")} />}
        optIn={
          <LeaderboardOptIn
            programId={program.id}
            optedIn={optedIn}
            labels={{ on: t("leaderboard.optInOn"), off: t("leaderboard.optInOff"), optIn: t("leaderboard.optIn"), optOut: t("leaderboard.optOut") }}
          />
        }
      />
    </PublicShell>
  );
}
