"use server";

import { z } from "zod";
import { userAction } from "@/lib/auth/guard";
import { idSchema } from "@/lib/ids";
import { joinProgram } from "@/lib/programs/join";
import { setLeaderboardOptIn } from "@/lib/programs/leaderboard";
import { revalidatePublicPages } from "@/lib/public/cache";

/** "Join" on the program's page, for a signed-in person. */
export const joinProgramAction = userAction({ schema: z.object({ programId: idSchema }) }, async ({ programId }, { user }) =>
  joinProgram(programId, user),
);

/** The learner's own choice to appear on the program's leaderboard, or to leave it. */
export const leaderboardOptInAction = userAction(
  { schema: z.object({ programId: idSchema, optIn: z.enum(["true", "false"]) }) },
  async ({ programId, optIn }, { user }) => {
    const result = await setLeaderboardOptIn(programId, user.id, optIn === "true");
    // Signed-out visitors see the board from the page cache: it changes now, not in a minute.
    revalidatePublicPages.program(result.programId);
    return result;
  },
);
