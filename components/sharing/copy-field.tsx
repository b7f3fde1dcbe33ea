"use client";

import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * A read-only field with a copy button. Copying tells Laurel about the share (POST to the
 * share route) so copied links count like the network buttons; the result is announced.
 */
export function CopyField({
  label,
  value,
  multiline = false,
  copyLabel,
  copiedMessage,
  failedMessage,
  recordPath,
}: {
  label: string;
  value: string;
  multiline?: boolean;
  copyLabel: string;
  copiedMessage: string;
  failedMessage: string;
  /** Laurel's share route for this channel; copying posts to it (when there is one). */
  recordPath?: string;
}) {
  const id = useId();
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [status, setStatus] = useState<"idle" | "copied" | "failed">("idle");

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setStatus("copied");
    } catch {
      // No clipboard permission (an old browser, an insecure origin): leave it selected to copy by hand.
      field.current?.focus();
      field.current?.select();
      setStatus("failed");
    }
    if (recordPath) void fetch(recordPath, { method: "POST", keepalive: true }).catch(() => undefined);
  }

  const fieldClasses = "mt-1 block w-full rounded-lg border border-stone-300 bg-stone-50 px-3 py-2 font-mono text-sm text-stone-900 focus:border-brand-700 focus:outline-none focus:ring-2 focus:ring-brand-700/30";
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">{label}</label>
      <div className={multiline ? "mt-1 space-y-2" : "mt-1 flex flex-col gap-2 sm:flex-row sm:items-start"}>
        {multiline ? (
          <textarea ref={field} id={id} readOnly value={value} rows={3} className={fieldClasses} onFocus={(event) => event.currentTarget.select()} />
        ) : (
          <input ref={field} id={id} readOnly value={value} className={fieldClasses} onFocus={(event) => event.currentTarget.select()} />
        )}
        <Button type="button" variant="secondary" className="mt-1 shrink-0" onClick={copy}>{copyLabel}</Button>
      </div>
      <p aria-live="polite" className={status === "failed" ? "mt-1 text-sm text-red-800" : "mt-1 text-sm text-brand-800"}>
        {status === "copied" ? copiedMessage : status === "failed" ? failedMessage : ""}
      </p>
    </div>
  );
}
