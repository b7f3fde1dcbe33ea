"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";

/**
 * Copies a block of code. Its name says what it copies ("Copy: Example request"), and the result
 * is announced through a live region that is on the page from the start, so screen readers hear it.
 */
export function CopyButton({ text, label }: { text: string; label?: string }) {
  const t = useTranslations("apiReference.ui");
  const [status, setStatus] = useState<"idle" | "copied" | "failed">("idle");

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setStatus("copied");
    } catch {
      // No clipboard permission (an old browser, an insecure origin): the code stays selectable.
      setStatus("failed");
    }
  }

  return (
    <div className="flex items-center gap-3">
      <p aria-live="polite" className={status === "failed" ? "text-xs text-red-800" : "text-xs text-brand-800"}>
        {status === "copied" ? t("copied") : status === "failed" ? t("copyFailed") : ""}
      </p>
      <button
        type="button"
        onClick={copy}
        aria-label={label ? t("copyNamed", { label }) : undefined}
        className="shrink-0 rounded-md border border-stone-300 bg-white px-2.5 py-1 text-xs font-semibold text-stone-800 hover:bg-stone-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
      >
        {t("copy")}
      </button>
    </div>
  );
}
