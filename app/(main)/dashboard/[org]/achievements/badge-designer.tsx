"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { useFormState } from "@/components/ui/form";
import { cn } from "@/components/ui/cn";
import { BADGE_TEMPLATES, readableTextColor, type BadgeDesign, type BadgeIcon } from "@/lib/design/badge-design";

export type ImageSource = "design" | "upload" | "keep";

const HEX = /^#[0-9a-f]{6}$/i;

// Offered after the organization's own colours.
const PALETTE = ["#1f5f4a", "#1d4ed8", "#7c3aed", "#be123c", "#c2410c", "#b45309", "#0f766e", "#334155", "#111827", "#ffffff"];

type DesignState = Omit<BadgeDesign, "subtitle" | "ribbonLabel" | "textColor"> & { subtitle: string; ribbonLabel: string; textColor: string };

/**
 * The badge designer: template, colours, icon and texts, with a preview rendered by the same
 * server renderer that draws the saved badge. Or an uploaded PNG/SVG instead.
 */
export function BadgeDesigner({
  org,
  brand,
  icons,
  initial,
  initialSource,
  currentImageSrc,
  galleryHref,
}: {
  org: string;
  brand: { primaryColor: string; secondaryColor: string };
  icons: Record<BadgeIcon, string>;
  initial: DesignState;
  initialSource: ImageSource;
  /** The saved image, when editing: "keep" shows it. */
  currentImageSrc?: string;
  /** Where the template gallery is, for this achievement. */
  galleryHref: string;
}) {
  const t = useTranslations("achievements.designer");
  const tGallery = useTranslations("gallery");
  const [design, setDesign] = useState<DesignState>(initial);
  const [source, setSource] = useState<ImageSource>(initialSource);
  const [uploadPreview, setUploadPreview] = useState<string | null>(null);
  // An empty title still previews (with a placeholder); saving asks for a real one.
  const preview = useLivePreview(org, { ...design, title: design.title.trim() || t("titlePlaceholder") }, source === "design");
  const set = <K extends keyof DesignState>(key: K, value: DesignState[K]) => setDesign((d) => ({ ...d, [key]: value }));
  const swatches = [...new Set([brand.primaryColor, brand.secondaryColor, ...PALETTE].map((c) => c.toLowerCase()))];

  const shown = source === "design" ? preview.src : source === "upload" ? (uploadPreview ?? currentImageSrc) : currentImageSrc;
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_320px]">
      <div className="space-y-5">
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-stone-800">{t("source")}</legend>
          <div className="flex flex-wrap gap-4">
            {(["design", "upload", ...(initialSource === "keep" ? ["keep" as const] : [])] as ImageSource[]).map((value) => (
              <label key={value} className="flex items-center gap-2 text-sm text-stone-800">
                <input type="radio" name="imageSource" value={value} checked={source === value} onChange={() => setSource(value)} />
                {t(`sources.${value}`)}
              </label>
            ))}
          </div>
        </fieldset>

        <p className="text-sm">
          <Link href={galleryHref} className="font-medium text-brand-700 underline">{tGallery("browse")}</Link>
        </p>

        {source === "upload" && <UploadField onPreview={setUploadPreview} />}

        {source === "design" && (
          <>
            <fieldset>
              <legend className="mb-2 text-sm font-medium text-stone-800">{t("template")}</legend>
              <div className="grid grid-cols-3 gap-2 sm:grid-cols-6">
                {BADGE_TEMPLATES.map((template) => (
                  <label
                    key={template}
                    className={cn(
                      "flex cursor-pointer flex-col items-center gap-1 rounded-lg border p-2 text-xs text-stone-800 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600",
                      design.template === template ? "border-brand-700 bg-brand-50" : "border-stone-300 bg-white",
                    )}
                  >
                    <input type="radio" name="design.template" value={template} checked={design.template === template} onChange={() => set("template", template)} className="sr-only" />
                    <TemplateGlyph template={template} />
                    {t(`templates.${template}`)}
                  </label>
                ))}
              </div>
            </fieldset>

            <div className="grid gap-4 sm:grid-cols-2">
              <ColorChooser name="design.primaryColor" label={t("primaryColor")} value={design.primaryColor} onChange={(v) => set("primaryColor", v)} swatches={swatches} />
              <ColorChooser name="design.secondaryColor" label={t("secondaryColor")} value={design.secondaryColor} onChange={(v) => set("secondaryColor", v)} swatches={swatches} />
            </div>
            <ColorChooser name="design.textColor" label={t("textColor")} hint={t("textColorHint")} value={design.textColor} onChange={(v) => set("textColor", v)} swatches={["#ffffff", "#1c1917", ...swatches.slice(0, 2)]}
              automatic={HEX.test(design.primaryColor) ? readableTextColor(design.primaryColor) : undefined}
            />

            <fieldset>
              <legend className="mb-2 text-sm font-medium text-stone-800">{t("icon")}</legend>
              <div className="grid max-h-44 grid-cols-8 gap-1 overflow-y-auto rounded-lg border border-stone-200 p-2">
                {(Object.keys(icons) as BadgeIcon[]).map((icon) => (
                  <label
                    key={icon}
                    title={icon}
                    className={cn(
                      "flex cursor-pointer items-center justify-center rounded-md p-1.5 text-stone-800 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600",
                      design.icon === icon ? "bg-brand-700 text-white" : "hover:bg-stone-100",
                    )}
                  >
                    <input type="radio" name="design.icon" value={icon} checked={design.icon === icon} onChange={() => set("icon", icon)} className="sr-only" />
                    <span className="sr-only">{icon.replace(/-/g, " ")}</span>
                    <svg viewBox="0 0 24 24" width="22" height="22" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" dangerouslySetInnerHTML={{ __html: icons[icon] }} />
                  </label>
                ))}
              </div>
            </fieldset>

            <div className="grid gap-4 sm:grid-cols-2">
              <DesignText name="design.title" label={t("title")} value={design.title} onChange={(v) => set("title", v)} maxLength={40} />
              <DesignText name="design.subtitle" label={t("subtitle")} value={design.subtitle} onChange={(v) => set("subtitle", v)} maxLength={60} />
              <DesignText name="design.ribbonLabel" label={t("ribbonLabel")} hint={t("ribbonLabelHint")} value={design.ribbonLabel} onChange={(v) => set("ribbonLabel", v)} maxLength={24} />
              <label className="flex items-center gap-2 self-end pb-2 text-sm text-stone-800">
                <input type="checkbox" name="design.border" checked={design.border} onChange={(e) => set("border", e.target.checked)} />
                {t("border")}
              </label>
            </div>
          </>
        )}
      </div>

      <figure className="self-start rounded-xl border border-stone-200 bg-stone-50 p-4 lg:sticky lg:top-4">
        {shown ? (
          // eslint-disable-next-line @next/next/no-img-element -- a blob: preview the image optimiser cannot serve
          <img src={shown} alt={t("previewAlt")} width={288} height={288} className="mx-auto h-72 w-72 object-contain" data-testid="badge-preview" />
        ) : (
          <div className="flex h-72 items-center justify-center text-sm text-stone-600">{t("previewEmpty")}</div>
        )}
        <figcaption className="mt-2 text-center text-xs text-stone-600" aria-live="polite">
          {source === "design" ? (preview.error ? t("previewError") : preview.pending ? t("previewUpdating") : t("previewCaption")) : t("uploadCaption")}
        </figcaption>
      </figure>
    </div>
  );
}

/** Re-renders the preview a moment after the last change (one request per pause, not per key). */
function useLivePreview(org: string, design: DesignState, active: boolean) {
  const [src, setSrc] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState(false);
  const urlRef = useRef<string | null>(null);
  const key = JSON.stringify(design);
  useEffect(() => {
    if (!active) return;
    const controller = new AbortController();
    setPending(true);
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/dashboard/${org}/achievements/preview`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: key,
          signal: controller.signal,
        });
        // An invalid design (an empty title, a half-typed colour) keeps the last good preview.
        if (!response.ok) {
          setError(response.status !== 422);
          return;
        }
        const url = URL.createObjectURL(new Blob([await response.text()], { type: "image/svg+xml" }));
        if (urlRef.current) URL.revokeObjectURL(urlRef.current);
        urlRef.current = url;
        setSrc(url);
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
  }, [org, key, active]);
  return { src, pending, error };
}

function useFieldError(name: string) {
  const { state } = useFormState();
  const t = useTranslations("errors.fields");
  if (!state || state.ok || !state.fields?.[name]) return undefined;
  const issue = state.fields[name];
  return t.has(issue.code) ? t(issue.code, issue.params) : t("invalid");
}

function ErrorText({ id, error }: { id: string; error?: string }) {
  return error ? <p id={id} className="text-sm font-medium text-red-700">{error}</p> : null;
}

function DesignText({ name, label, hint, value, onChange, maxLength }: { name: string; label: string; hint?: string; value: string; onChange: (v: string) => void; maxLength: number }) {
  const id = useId();
  const error = useFieldError(name);
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">{label}</label>
      <input
        id={id}
        name={name}
        value={value}
        maxLength={maxLength}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        className={cn("block w-full rounded-lg border bg-white px-3 py-2 text-sm text-stone-900 shadow-sm", error ? "border-red-600" : "border-stone-300")}
      />
      {hint && !error && <p id={`${id}-hint`} className="text-xs text-stone-600">{hint}</p>}
      <ErrorText id={`${id}-error`} error={error} />
    </div>
  );
}

function ColorChooser({
  name,
  label,
  hint,
  value,
  onChange,
  swatches,
  optional,
  automatic,
}: {
  name: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (v: string) => void;
  swatches: string[];
  optional?: boolean;
  /** For an optional colour: the colour used while it is left empty ("Automatic"), which the picker shows. */
  automatic?: string;
}) {
  const t = useTranslations("achievements.designer");
  const id = useId();
  const error = useFieldError(name);
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">{label}</label>
      <div className="flex items-center gap-2">
        <input
          id={id}
          name={name}
          value={value}
          placeholder={optional ? t("automatic") : undefined}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
          className={cn("block w-28 rounded-lg border bg-white px-3 py-2 font-mono text-sm text-stone-900 shadow-sm", error ? "border-red-600" : "border-stone-300")}
        />
        <input
          type="color"
          aria-label={t("colorPicker", { label })}
          value={HEX.test(value) ? value.toLowerCase() : (automatic ?? "#000000")}
          onChange={(e) => onChange(e.target.value)}
          className="h-9 w-10 shrink-0 rounded border border-stone-300"
        />
      </div>
      <div className="flex flex-wrap gap-1" role="group" aria-label={t("swatches", { label })}>
        {swatches.map((swatch, i) => (
          <button
            key={swatch}
            type="button"
            onClick={() => onChange(swatch)}
            aria-label={i < 2 && !optional ? t("brandSwatch", { color: swatch }) : swatch}
            aria-pressed={value.toLowerCase() === swatch}
            className={cn("h-6 w-6 rounded-full border", value.toLowerCase() === swatch ? "ring-2 ring-brand-700 ring-offset-1" : "border-stone-300")}
            style={{ backgroundColor: swatch }}
          />
        ))}
        {optional && value && (
          <button type="button" onClick={() => onChange("")} className="ml-1 text-xs text-stone-700 underline">{t("automatic")}</button>
        )}
      </div>
      {hint && !error && <p id={`${id}-hint`} className="text-xs text-stone-600">{hint}</p>}
      <ErrorText id={`${id}-error`} error={error} />
    </div>
  );
}

function UploadField({ onPreview }: { onPreview: (url: string | null) => void }) {
  const t = useTranslations("achievements.designer");
  const id = useId();
  const error = useFieldError("imageFile");
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">{t("uploadLabel")}</label>
      <input
        id={id}
        type="file"
        name="imageFile"
        accept="image/png,image/svg+xml"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
        onChange={(e) => {
          const file = e.target.files?.[0];
          onPreview(file ? URL.createObjectURL(file) : null);
        }}
        className="block w-full text-sm text-stone-800"
      />
      {!error && <p id={`${id}-hint`} className="text-xs text-stone-600">{t("uploadHint")}</p>}
      <ErrorText id={`${id}-error`} error={error} />
    </div>
  );
}

/** A small outline of each template for the picker. */
function TemplateGlyph({ template }: { template: (typeof BADGE_TEMPLATES)[number] }) {
  const shapes: Record<string, React.ReactNode> = {
    circle: <circle cx="16" cy="16" r="13" />,
    shield: <path d="M16 3 L28 7 V16 C28 23 22 27 16 29 C10 27 4 23 4 16 V7 Z" />,
    hexagon: <polygon points="16,2 28,9 28,23 16,30 4,23 4,9" />,
    ribbon: (
      <>
        <circle cx="16" cy="13" r="10" />
        <path d="M10 21 L7 30 L12 28 L14 31 L16 23 M22 21 L25 30 L20 28 L18 31 L16 23" />
      </>
    ),
    rosette: (
      <>
        <circle cx="16" cy="13" r="10" strokeDasharray="3 2" />
        <circle cx="16" cy="13" r="7" />
        <path d="M11 21 L9 30 L13 28 L15 31 M21 21 L23 30 L19 28 L17 31" />
      </>
    ),
    square: <rect x="4" y="4" width="24" height="24" rx="5" />,
  };
  return (
    <svg viewBox="0 0 32 32" width="32" height="32" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true">
      {shapes[template]}
    </svg>
  );
}
