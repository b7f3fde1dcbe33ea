import { getFormatter, getTranslations } from "next-intl/server";
import { credentialCertificatePng } from "@/lib/design/credential-certificate";
import { publicRoute } from "@/lib/http/public-route";
import { recordDownload } from "@/lib/public/downloads";

// Preview: the credential's certificate as an image, when its achievement offers one.
export const GET = publicRoute<{ id: string }>(
  { params: { id: "id" }, credential: "id", cache: "revalidate", rateLimit: "render" },
  async (request, { params: { id } }) => {
    const [t, format] = await Promise.all([getTranslations("certificate"), getFormatter()]);
    const png = await credentialCertificatePng(id, {
      labels: { heading: t("heading"), awardedTo: t("awardedTo"), forAchieving: t("forAchieving"), issued: t("issued"), expires: t("expires"), verify: t("verify") },
      formatDate: (date) => format.dateTime(date, { dateStyle: "long" }),
      unnamedLearner: t("unnamedLearner"),
    });
    if (!png) return null;
    recordDownload(id, "certificate_png", request);
    return new Response(new Uint8Array(png), {
      headers: {
        "Content-Type": "image/png",
        "Content-Disposition": `inline; filename="certificate-${id}.png"`,
        "X-Content-Type-Options": "nosniff",
        // Follows revocation and renames of the learner: never cached for long.
        "Cache-Control": "private, max-age=0, must-revalidate",
      },
    });
  },
);
