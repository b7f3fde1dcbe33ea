import { getFormatter, getTranslations } from "next-intl/server";
import { withOrg } from "@/lib/auth/guard";
import { achievementCertificatePreviewPng } from "@/lib/design/certificate-preview";
import { notFound } from "@/lib/errors";

// The achievement page's certificate preview: the current settings, for a sample learner.
export const GET = withOrg<{ org: string; id: string }>({ role: "viewer" }, async (_request, ctx) => {
  const [t, format] = await Promise.all([getTranslations("certificate"), getFormatter()]);
  const png = await achievementCertificatePreviewPng(ctx.org.id, ctx.params.id, {
    labels: { heading: t("heading"), awardedTo: t("awardedTo"), forAchieving: t("forAchieving"), issued: t("issued"), expires: t("expires"), verify: t("verify") },
    formatDate: (date) => format.dateTime(date, { dateStyle: "long" }),
    sampleLearner: t("sampleLearner"),
  });
  if (!png) throw notFound();
  return new Response(new Uint8Array(png), {
    headers: { "Content-Type": "image/png", "X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store" },
  });
});
