// What the render workers do. Also run on the calling thread when no worker can start, so the
// task list is the one place that knows how each image is made.
import type { CardModel } from "@/lib/cards/model";
import { renderCard } from "@/lib/cards/render";
import type { BadgeDesign } from "@/lib/design/badge-design";
import { renderCertificatePdf, type CertificateContent } from "@/lib/design/certificate-pdf";
import { renderCertificatePng } from "@/lib/design/certificate-png";
import { renderBadge, renderBadgePng } from "@/lib/design/render-badge";
import type { Locale } from "@/lib/i18n/config";
import { overBudget } from "@/lib/images/headers";
import { readPngHeader } from "@/lib/ob/bake";

/** A badge as stored (its PNG), or the design it is drawn from. */
export type BadgeSource = { png: Uint8Array } | { design: BadgeDesign };

/** A certificate's content with its badge not drawn yet (drawing it is part of the render). */
export type CertificateJob = Omit<CertificateContent, "badgePng"> & { badge: BadgeSource | null };

export type RenderTask =
  /** An SVG to PNG, `width` pixels wide (also how an uploaded PNG is scaled down: wrapped in SVG). */
  | { type: "rasterise"; svg: string; width: number; background?: string }
  | { type: "badge"; design: BadgeDesign }
  | { type: "certificate"; format: "png" | "pdf"; job: CertificateJob; width?: number }
  | { type: "card"; model: CardModel; locale: Locale };

export type RenderResult<T extends RenderTask> = T extends { type: "badge" } ? { svg: string; png: Uint8Array } : Uint8Array;

async function badgePng(source: BadgeSource | null): Promise<Uint8Array | null> {
  if (!source) return null;
  if (!("png" in source)) return (await renderBadge(source.design)).png;
  // A badge stored before uploads were checked against the pixel budget is left out, not decoded.
  try {
    return overBudget(readPngHeader(source.png)) ? null : source.png;
  } catch {
    return null;
  }
}

export async function runRenderTask<T extends RenderTask>(task: T): Promise<RenderResult<T>> {
  const result = await run(task);
  return result as RenderResult<T>;
}

async function run(task: RenderTask): Promise<Uint8Array | { svg: string; png: Uint8Array }> {
  switch (task.type) {
    case "rasterise":
      return renderBadgePng(task.svg, task.width, task.background);
    case "badge":
      return renderBadge(task.design);
    case "certificate": {
      const { badge, ...rest } = task.job;
      const content: CertificateContent = { ...rest, badgePng: await badgePng(badge) };
      return task.format === "pdf" ? renderCertificatePdf(content) : renderCertificatePng(content, task.width);
    }
    case "card":
      return renderCard(task.model, task.locale);
  }
}
