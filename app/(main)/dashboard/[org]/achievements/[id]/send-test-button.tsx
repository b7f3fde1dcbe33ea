"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { ActionForm, FormMessage, SubmitButton } from "@/components/ui/form";
import { sendTestToSelfAction } from "./actions";

type Sent = { id: string; email: string };

/** One click: the achievement, issued to the signed-in issuer's own verified address, with the learners' email. */
export function SendTestButton({ org, achievementId, credentialsHref }: { org: string; achievementId: string; credentialsHref: string }) {
  const t = useTranslations("testSend");
  const [sent, setSent] = useState<Sent | null>(null);
  return (
    <ActionForm action={sendTestToSelfAction} onSuccess={(state) => setSent(state?.ok ? (state.data as Sent) : null)} className="space-y-3">
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="achievementId" value={achievementId} />
      {sent && (
        <Alert tone="success" title={t("sent", { email: sent.email })}>
          <Link href={`${credentialsHref}/${sent.id}`} className="font-semibold underline">{t("view")}</Link>
        </Alert>
      )}
      <FormMessage />
      <SubmitButton variant="secondary" pendingLabel={t("sending")}>{t("action")}</SubmitButton>
    </ActionForm>
  );
}
