import type { Metadata } from "next";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { PublicShell } from "@/components/public/public-shell";
import { Alert } from "@/components/ui/alert";
import { clientIp } from "@/lib/auth/client-ip";
import { AppError } from "@/lib/errors";
import { presentVerification } from "@/lib/verifier/present";
import { spendVerifyBudget } from "@/lib/verifier/rate-limit";
import { verifierUrlSchema, verifyAnything } from "@/lib/verifier/verify-anything";
import { VerifyForm } from "./verify-form";

type Props = { searchParams: Promise<{ url?: string | string[] }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("verifier.meta");
  return { title: t("title"), description: t("description") };
}

/**
 * /verify: anyone checks any badge. `?url=` is a result's permalink: the page checks that URL
 * again when opened (within the visitor's rate budget), so the link never shows a stale verdict.
 */
export default async function VerifyPage({ searchParams }: Props) {
  const t = await getTranslations("verifier");
  const raw = (await searchParams).url;
  const parsed = typeof raw === "string" ? verifierUrlSchema.safeParse(raw) : null;
  let initial = null;
  let limited = false;
  if (parsed?.success) {
    try {
      await spendVerifyBudget(clientIp(await headers()));
      initial = { answer: presentVerification(await verifyAnything({ kind: "url", url: parsed.data })), permalink: `/verify?url=${encodeURIComponent(parsed.data)}` };
    } catch (error) {
      if (!(error instanceof AppError && error.code === "rate_limited")) throw error;
      limited = true;
    }
  }
  return (
    <PublicShell personal>
      <div className="mx-auto max-w-3xl space-y-6">
        <div>
          <h1 className="text-3xl font-bold text-stone-900">{t("title")}</h1>
          <p className="mt-2 text-stone-800">{t("intro")}</p>
        </div>
        {limited && <Alert tone="warning">{t("rateLimited")}</Alert>}
        <VerifyForm initial={initial} initialUrl={parsed?.success ? parsed.data : undefined} />
      </div>
    </PublicShell>
  );
}
