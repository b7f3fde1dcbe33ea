import { getFormatter, getTranslations } from "next-intl/server";
import { credentialCertificatePdf } from "@/lib/design/credential-certificate";
import { publicRoute } from "@/lib/http/public-route";
import { recordDownload } from "@/lib/public/downloads";

// Download: the credential's printable certificate, when its achievement offers one.
export const GET = publicRoute<{ id: string }>(
  { params: { id: "id" }, credential: "id", cache: "revalidate", rateLimit: "render" },
  async (request, { params: { id } }) => {
    const [t, format] = await Promise.all([getTranslations("certificate"), getFormatter()]);
    const pdf = await credentialCertificatePdf(id, {
      labels: { heading: t("heading"), awardedTo: t("awardedTo"), forAchieving: t("forAchieving"), issued: t("issued"), expires: t("expires"), verify: t("verify") },
      formatDate: (date) => format.dateTime(date, { dateStyle: "long" }),
      unnamedLearner: t("unnamedLearner"),
    });
    if (!pdf) return null;
    recordDownload(id, "pdf", request);
    return new Response(new Uint8Array(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `inline; filename="certificate-${id}.pdf"`,
        // Follows revocation and renames of the learner: never cached for long.
        "Cache-Control": "private, max-age=0, must-revalidate",
      },
    });
  },
);
