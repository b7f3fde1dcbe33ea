"use client";

import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export type SecretRevealLabels = { title: string; body: string; field: string; copy: string; copied: string; copyFailed: string; done: string };

/**
 * A secret shown once (an API key, a webhook's signing secret): selectable, with a copy button
 * whose outcome is announced, and a way to dismiss it once saved.
 */
export function SecretReveal({ secret, labels, onDone, testId }: { secret: string; labels: SecretRevealLabels; onDone: () => void; testId?: string }) {
  const id = useId();
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  return (
    <Alert tone="warning" title={labels.title}>
      <p>{labels.body}</p>
      <label htmlFor={`${id}-secret`} className="mt-3 block font-medium">{labels.field}</label>
      <div className="mt-1 flex flex-wrap gap-2">
        <input
          id={`${id}-secret`}
          readOnly
          value={secret}
          onFocus={(event) => event.currentTarget.select()}
          className="min-w-0 flex-1 rounded-lg border border-stone-300 bg-white px-3 py-2 font-mono text-sm text-stone-900"
          data-testid={testId}
        />
        <Button
          type="button"
          variant="secondary"
          onClick={() =>
            navigator.clipboard.writeText(secret).then(
              () => setCopied("yes"),
              () => setCopied("failed"),
            )
          }
        >
          {labels.copy}
        </Button>
        <Button type="button" variant="ghost" onClick={onDone}>{labels.done}</Button>
      </div>
      <p role="status" className="mt-2 min-h-5 text-sm">{copied === "yes" ? labels.copied : copied === "failed" ? labels.copyFailed : ""}</p>
    </Alert>
  );
}
