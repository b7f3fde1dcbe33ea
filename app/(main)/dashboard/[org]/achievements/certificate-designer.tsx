"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { SelectField } from "@/components/ui/form";
import { CERTIFICATE_LAYOUTS, type CertificateLayout } from "@/lib/design/certificate-template";

type PaperSize = "A4" | "Letter";

/**
 * The certificate's layout and paper, with a preview drawn by the server's certificate renderer
 * (the PNG of the PDF to come) each time either changes.
 */
export function CertificateDesigner({
  org,
  achievementId,
  achievementName,
  signers,
  initial,
}: {
  org: string;
  achievementId?: string;
  achievementName: string;
  signers: { name: string; title?: string }[];
  initial: { layout: CertificateLayout; paperSize: PaperSize };
}) {
  const t = useTranslations("achievements.form");
  const tLayouts = useTranslations("certificateLayouts");
  const [layout, setLayout] = useState(initial.layout);
  const [paperSize, setPaperSize] = useState(initial.paperSize);
  const preview = useCertificatePreview(org, JSON.stringify({ layout, paperSize, achievementName, achievementId, signers }));
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_360px]">
      <div className="space-y-4">
        <SelectField
          name="certificate.layout"
          label={tLayouts("layout")}
          hint={tLayouts("layoutHint")}
          value={layout}
          onChange={(e) => setLayout(e.target.value as CertificateLayout)}
          options={CERTIFICATE_LAYOUTS.map((value) => ({ value, label: tLayouts(`layouts.${value}`) }))}
          className="max-w-xs"
        />
        <SelectField
          name="certificate.paperSize"
          label={t("paperSize")}
          value={paperSize}
          onChange={(e) => setPaperSize(e.target.value as PaperSize)}
          options={[
            { value: "A4", label: t("paperA4") },
            { value: "Letter", label: t("paperLetter") },
          ]}
          className="max-w-xs"
        />
      </div>
      <figure className="self-start rounded-xl border border-stone-200 bg-stone-50 p-3">
        {preview.src ? (
          // eslint-disable-next-line @next/next/no-img-element -- a blob: preview the image optimiser cannot serve
          <img src={preview.src} alt={tLayouts("previewAlt")} className="mx-auto max-h-96 w-auto border border-stone-200 bg-white shadow-sm" data-testid="certificate-preview" data-layout={preview.shown?.layout} data-paper={preview.shown?.paperSize} />
        ) : (
          <div className="flex h-48 items-center justify-center text-sm text-stone-600">{tLayouts("previewUpdating")}</div>
        )}
        <figcaption className="mt-2 text-center text-xs text-stone-600" aria-live="polite">
          {preview.error ? tLayouts("previewError") : preview.pending ? tLayouts("previewUpdating") : tLayouts("previewCaption", { paper: paperSize === "A4" ? t("paperA4") : t("paperLetter") })}
        </figcaption>
      </figure>
    </div>
  );
}

/** Re-draws the preview a moment after the last change. */
function useCertificatePreview(org: string, key: string) {
  const [src, setSrc] = useState<string | null>(null);
  const [shown, setShown] = useState<{ layout: string; paperSize: string } | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState(false);
  const urlRef = useRef<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    setPending(true);
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/dashboard/${org}/achievements/certificate-preview`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: key,
          signal: controller.signal,
        });
        if (!response.ok) {
          setError(true);
          return;
        }
        const url = URL.createObjectURL(await response.blob());
        if (urlRef.current) URL.revokeObjectURL(urlRef.current);
        urlRef.current = url;
        setSrc(url);
        setShown(JSON.parse(key) as { layout: string; paperSize: string });
        setError(false);
      } catch (e) {
        if ((e as Error).name !== "AbortError") setError(true);
      } finally {
        if (!controller.signal.aborted) setPending(false);
      }
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [org, key]);
  return { src, shown, pending, error };
}
