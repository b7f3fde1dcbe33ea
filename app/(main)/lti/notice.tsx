import { getTranslations } from "next-intl/server";

/** Why the tool page cannot show: the launch expired (or the link was not one), the plan, the wrong kind of launch. */
export async function LtiNotice({ reason }: { reason: "expired" | "plan" | "message" }) {
  const t = await getTranslations("lti.tool.notice");
  return (
    <main className="mx-auto max-w-2xl p-6">
      <div className="rounded-xl border border-stone-200 bg-white p-6 shadow-sm" data-lti-notice={reason}>
        <h1 className="text-lg font-semibold text-stone-900">{t(`${reason}.title`)}</h1>
        <p className="mt-2 text-sm text-stone-700">{t(`${reason}.body`)}</p>
      </div>
    </main>
  );
}
