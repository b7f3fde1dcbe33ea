import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { publicPath } from "@/lib/http/url-contract";
import { isId } from "@/lib/ids";

/** An http(s) URL, or null: a stored link is checked again before Laurel sends anyone to it. */
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : null;
  } catch {
    return null;
  }
}

/**
 * Where "Earn this badge" leads. `href` is a path on Laurel (a program or the issuer's page) or
 * the issuer's own how-to-earn URL.
 */
export type EarnDestination =
  | { kind: "program"; href: string; programName: string }
  | { kind: "howToEarn"; href: string }
  | { kind: "issuer"; href: string };

type ProgramOption = { id: string; name: string; visibility: string; archivedAt: Date | null };

/**
 * The one order every call to action follows: the public program that awards the achievement
 * (the visitor can join it), else the issuer's how-to-earn link, else the issuer's page with its
 * website and public programs. A badge the issuer no longer awards sends people to the issuer.
 */
export function chooseEarnDestination(input: {
  organizationId: string;
  achievementArchived: boolean;
  howToEarnUrl: string | null;
  programs: ProgramOption[];
}): EarnDestination {
  const issuer: EarnDestination = { kind: "issuer", href: publicPath("issuer", { orgId: input.organizationId }) };
  if (input.achievementArchived) return issuer;
  const program = input.programs.find((p) => p.visibility === "public" && p.archivedAt === null);
  if (program) return { kind: "program", href: publicPath("program", { id: program.id }), programName: program.name };
  const howToEarn = safeHttpUrl(input.howToEarnUrl);
  return howToEarn ? { kind: "howToEarn", href: howToEarn } : issuer;
}

/**
 * Programs of the achievement's own organization with a live rule awarding it, oldest first
 * (the program an issuer set up first is the one it leads with).
 */
async function programsAwarding(organizationId: string, achievementId: string): Promise<ProgramOption[]> {
  return db.program.findMany({
    where: { organizationId, rules: { some: { achievementId, organizationId, deletedAt: null } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, name: true, visibility: true, archivedAt: true },
  });
}

/** Where the call to action of an achievement (its page, its credentials' pages) leads. */
export async function achievementEarnDestination(achievement: { id: string; organizationId: string; archivedAt: Date | null; howToEarnUrl: string | null }) {
  return chooseEarnDestination({
    organizationId: achievement.organizationId,
    achievementArchived: achievement.archivedAt !== null,
    howToEarnUrl: achievement.howToEarnUrl,
    programs: achievement.archivedAt ? [] : await programsAwarding(achievement.organizationId, achievement.id),
  });
}

/**
 * Where "Earn this badge" on a credential leads, decided when the visitor clicks (so a program
 * published or archived since the page was cached is taken into account), as an absolute URL.
 */
export async function earnTarget(credentialId: string) {
  if (!isId(credentialId)) return null;
  const credential = await db.credential.findUnique({
    where: { id: credentialId },
    select: {
      organizationId: true,
      backpackEntry: { select: { visibility: true } },
      achievement: { select: { id: true, organizationId: true, archivedAt: true, howToEarnUrl: true } },
    },
  });
  if (!credential) return null;
  const destination = await achievementEarnDestination(credential.achievement);
  return {
    organizationId: credential.organizationId,
    isPrivate: credential.backpackEntry?.visibility === "private",
    destination: new URL(destination.href, env().BASE_URL).toString(),
  };
}
