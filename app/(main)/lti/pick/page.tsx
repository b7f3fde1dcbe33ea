import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader } from "@/components/ui/card";
import { ltiPage } from "@/lib/auth/guard";
import { placeableAchievements } from "@/lib/lti/deep-linking";
import { LtiNotice } from "../notice";
import { PickAchievementForm } from "../tool-forms";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("lti.pick"))("title"), referrer: "no-referrer" };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Deep linking: an instructor chooses which of the organization's badges to place in the course. */
export default async function LtiPickPage({ searchParams }: Props) {
  const access = await ltiPage((await searchParams).launch, "deepLinking");
  if (!access.ok) return <LtiNotice reason={access.reason} />;
  const { ctx } = access;
  const t = await getTranslations("lti.pick");
  const achievements = ctx.instructor ? await placeableAchievements(ctx.org.id) : [];
  return (
    <main className="mx-auto max-w-3xl p-4 sm:p-6">
      <Card>
        <CardHeader title={t("title")} description={t("body", { organization: ctx.org.name })} />
        {!ctx.instructor ? (
          <Alert tone="warning">{t("instructorsOnly")}</Alert>
        ) : achievements.length === 0 ? (
          <Alert tone="info">{t("empty")}</Alert>
        ) : (
          <PickAchievementForm token={ctx.token} achievements={achievements.map((a) => ({ id: a.id, name: a.name, description: a.description }))} />
        )}
      </Card>
    </main>
  );
}
