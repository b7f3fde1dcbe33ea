"use client";

import { useTranslations } from "next-intl";
import { ActionForm, FormMessage, SubmitButton } from "@/components/ui/form";
import { unpinAction, visibilityAction } from "./actions";

/**
 * A pinned credential that is private: the public profile skips it. Says so, and offers the two
 * ways out in one click each: make it public, or unpin it.
 */
export function PinnedPrivateNotice({ entryId, name }: { entryId: string; name: string }) {
  const t = useTranslations("learnerHome.pins");
  return (
    <div className="w-full rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="pinned-private">
      <p>{t("hiddenNotice")}</p>
      <div className="mt-2 flex flex-wrap gap-2">
        <ActionForm action={visibilityAction}>
          <input type="hidden" name="entryId" value={entryId} />
          <input type="hidden" name="visibility" value="public" />
          <FormMessage />
          <SubmitButton variant="secondary" className="px-3 py-1.5" pendingLabel={t("makingPublic")}>
            {t("makePublic")}
            <span className="sr-only"> {name}</span>
          </SubmitButton>
        </ActionForm>
        <ActionForm action={unpinAction}>
          <input type="hidden" name="entryId" value={entryId} />
          <FormMessage />
          <SubmitButton variant="ghost" className="px-3 py-1.5" pendingLabel={t("unpinning")}>
            {t("unpin")}
            <span className="sr-only"> {name}</span>
          </SubmitButton>
        </ActionForm>
      </div>
    </div>
  );
}
