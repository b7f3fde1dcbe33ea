"use client";

import { useRouter } from "next/navigation";
import { ActionForm, FormMessage, SubmitButton } from "@/components/ui/form";
import { joinProgramAction, leaderboardOptInAction } from "./actions";

/** "Join" for a signed-in person who is not in the program yet. */
export function JoinProgramButton({ programId, label }: { programId: string; label: string }) {
  const router = useRouter();
  return (
    <ActionForm action={joinProgramAction} onSuccess={() => router.replace(`/p/${programId}?joined=1`)} className="mt-5 space-y-2">
      <input type="hidden" name="programId" value={programId} />
      <FormMessage />
      <SubmitButton>{label}</SubmitButton>
    </ActionForm>
  );
}

/** The signed-in learner's own switch: on the leaderboard, or off it. */
export function LeaderboardOptIn({ programId, optedIn, labels }: { programId: string; optedIn: boolean; labels: { on: string; off: string; optIn: string; optOut: string } }) {
  const router = useRouter();
  return (
    <ActionForm action={leaderboardOptInAction} onSuccess={() => router.refresh()} className="mt-4 space-y-2 rounded-xl border border-stone-200 bg-stone-50 p-4">
      <input type="hidden" name="programId" value={programId} />
      <input type="hidden" name="optIn" value={optedIn ? "false" : "true"} />
      <p className="text-sm text-stone-800" role="status">{optedIn ? labels.on : labels.off}</p>
      <FormMessage />
      <SubmitButton variant={optedIn ? "secondary" : "primary"}>{optedIn ? labels.optOut : labels.optIn}</SubmitButton>
    </ActionForm>
  );
}
