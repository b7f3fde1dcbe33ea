import { getFormatter, getTranslations } from "next-intl/server";
import { withOrg } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { certificateDraftPreviewPng, certificateDraftSchema } from "@/lib/design/certificate-preview";
import { parseInput } from "@/lib/errors";
import { readBodyWithLimit } from "@/lib/http/read-body";

/** The settings are a few names: anything larger is not a draft. */
const MAX_DRAFT_BYTES = 16 * 1024;

function json(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON: refused by the schema below with its fields, like any other bad draft.
    return null;
  }
}

// The certificate designer's live preview: the layout and paper being chosen, drawn by the
// renderer that makes the credential's PNG and PDF.
export const POST = withOrg<{ org: string }>({ role: REQUIRED_ROLE["achievements:design"] }, async (request, ctx) => {
  const draft = parseInput(certificateDraftSchema, json(await readBodyWithLimit(request, MAX_DRAFT_BYTES)));
  const [t, tLayouts, format] = await Promise.all([getTranslations("certificate"), getTranslations("certificateLayouts"), getFormatter()]);
  const png = await certificateDraftPreviewPng(ctx.org, draft, {
    labels: { heading: t("heading"), awardedTo: t("awardedTo"), forAchieving: t("forAchieving"), issued: t("issued"), expires: t("expires"), verify: t("verify") },
    formatDate: (date) => format.dateTime(date, { dateStyle: "long" }),
    sampleLearner: t("sampleLearner"),
    sampleAchievement: tLayouts("sampleAchievement"),
  });
  return new Response(new Uint8Array(png), {
    headers: { "Content-Type": "image/png", "X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store" },
  });
});
