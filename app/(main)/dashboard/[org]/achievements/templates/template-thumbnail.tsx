"use client";

import { useEffect, useState } from "react";
import type { BadgeDesign } from "@/lib/design/badge-design";

/** A template drawn by the designer's own renderer (the live preview's), so the thumbnail is the badge it makes. */
export function TemplateThumbnail({ org, design, alt }: { org: string; design: BadgeDesign; alt: string }) {
  const [src, setSrc] = useState<string | null>(null);
  const key = JSON.stringify(design);
  useEffect(() => {
    const controller = new AbortController();
    let url: string | null = null;
    fetch(`/dashboard/${org}/achievements/preview`, { method: "POST", headers: { "Content-Type": "application/json" }, body: key, signal: controller.signal })
      .then(async (response) => {
        if (!response.ok) return;
        url = URL.createObjectURL(new Blob([await response.text()], { type: "image/svg+xml" }));
        setSrc(url);
      })
      .catch(() => undefined);
    return () => {
      controller.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [org, key]);
  return src ? (
    // eslint-disable-next-line @next/next/no-img-element -- a blob: preview the image optimiser cannot serve
    <img src={src} alt={alt} width={160} height={160} className="mx-auto h-40 w-40 object-contain" data-testid="template-thumbnail" />
  ) : (
    <div role="img" aria-label={alt} aria-busy="true" className="mx-auto h-40 w-40 animate-pulse rounded-full bg-stone-100" />
  );
}
