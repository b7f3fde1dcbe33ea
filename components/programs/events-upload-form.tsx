"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";

type Problem = { code: string; params?: Record<string, string | number>; message?: string };

/** Sends one CSV file of events; the server answers with the job, whose page shows its progress. */
export function EventsUploadForm({ uploadUrl, jobBase }: { uploadUrl: string; jobBase: string }) {
  const t = useTranslations("programEvents");
  const tErrors = useTranslations("errors");
  const router = useRouter();
  const hydrated = useHydrated();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const problemText = (issue: Problem) => {
    if (t.has(`fileIssues.${issue.code}`)) return t(`fileIssues.${issue.code}`, issue.params ?? {});
    if (tErrors.has(`codes.${issue.code}`)) return tErrors(`codes.${issue.code}`, issue.params ?? {});
    return issue.message ?? tErrors("codes.internal");
  };

  async function send() {
    if (!file) {
      setProblem({ code: "file_empty" });
      return;
    }
    setPending(true);
    setProblem(null);
    const body = new FormData();
    body.set("file", file);
    try {
      const response = await fetch(uploadUrl, { method: "POST", body });
      const answer = (await response.json()) as { job?: { id: string }; error?: { code: string; message: string; details?: Record<string, { code: string; params?: Record<string, string | number> }> } };
      if (answer.job) {
        router.push(`${jobBase}/${answer.job.id}`);
        return;
      }
      const detail = answer.error?.details && Object.values(answer.error.details).find((value) => value && typeof value === "object" && "code" in value);
      setProblem({ ...(detail ?? { code: answer.error?.code ?? "internal" }), message: answer.error?.message });
    } catch {
      setProblem({ code: "internal" });
    } finally {
      setPending(false);
    }
  }

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <div className="space-y-1">
        <label htmlFor={`${id}-file`} className="block text-sm font-medium text-stone-800">{t("upload.file")}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,.txt,.tsv,text/csv"
          aria-describedby={`${id}-hint`}
          className="block w-full text-sm text-stone-800 file:mr-3 file:rounded-lg file:border file:border-stone-300 file:bg-white file:px-3 file:py-2 file:text-sm file:font-semibold"
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            setProblem(null);
          }}
        />
        <p id={`${id}-hint`} className="text-xs text-stone-600">{t("upload.hint")}</p>
      </div>
      {problem && <Alert tone="error">{problemText(problem)}</Alert>}
      <Button type="submit" disabled={!hydrated || pending || !file}>{pending ? t("upload.sending") : t("upload.send")}</Button>
    </form>
  );
}
