"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import Papa from "papaparse";
import { useId, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { useHydrated } from "@/components/ui/use-hydrated";
import { BULK_FIELDS, DATE_FORMAT, guessMapping, REQUIRED_FIELDS, type BulkField, type ColumnMapping } from "@/lib/issuing/bulk/columns";
import type { BulkPreview } from "@/lib/issuing/bulk/create-job";
import { pastedRowsText } from "@/lib/issuing/bulk/paste";
import type { BulkIssue, ValidatedRow } from "@/lib/issuing/bulk/validate";
import { TableHead } from "@/components/ui/table-head";
import { ScheduleFields } from "../issue-form";

type Problem = { code: string; params?: Record<string, string | number> } | null;

const selectClasses = "block w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm text-stone-900 shadow-sm";

function useIssueText() {
  const t = useTranslations("bulk");
  const tErrors = useTranslations("errors");
  return (issue: BulkIssue | Problem, fallback?: string) => {
    if (!issue) return "";
    const params = { ...issue.params, ...(issue.params?.field ? { field: t.has(`fields.${issue.params.field}`) ? t(`fields.${issue.params.field}`) : String(issue.params.field) } : {}) };
    if (t.has(`issues.${issue.code}`)) return t(`issues.${issue.code}`, params);
    if (tErrors.has(`codes.${issue.code}`)) return tErrors(`codes.${issue.code}`, params);
    return fallback ?? tErrors("codes.internal");
  };
}

/** Reads just the header row in the browser, to offer the column mapping before any upload. */
function readHeader(file: File): Promise<string[]> {
  return new Promise((resolve, reject) => {
    Papa.parse<string[]>(file, {
      preview: 1,
      skipEmptyLines: true,
      complete: (result) => resolve((result.data[0] ?? []).map((cell) => cell.replace(/^\uFEFF/, "").trim())),
      error: reject,
    });
  });
}

/** The header row of pasted text (the same reader as a file's). */
function readHeaderText(text: string): string[] {
  const result = Papa.parse<string[]>(text, { preview: 1, skipEmptyLines: true });
  return (result.data[0] ?? []).map((cell) => cell.trim());
}

export function BulkUploadForm({ org, achievements }: { org: string; achievements: { id: string; name: string }[] }) {
  const t = useTranslations("bulk");
  const tTools = useTranslations("bulkTools");
  const issueText = useIssueText();
  const router = useRouter();
  const hydrated = useHydrated();
  const id = useId();
  const [achievementId, setAchievementId] = useState(achievements[0]?.id ?? "");
  const [file, setFile] = useState<File | null>(null);
  const [headers, setHeaders] = useState<string[]>([]);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [message, setMessage] = useState("");
  const [preview, setPreview] = useState<BulkPreview | null>(null);
  const [problem, setProblem] = useState<{ issue: Problem; message?: string } | null>(null);
  const [pending, setPending] = useState<"preview" | "issue" | null>(null);
  const [source, setSource] = useState<"file" | "paste">("file");
  const [pasted, setPasted] = useState("");
  const [headerAdded, setHeaderAdded] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const reset = () => {
    setPreview(null);
    setProblem(null);
  };

  async function chooseFile(chosen: File | null) {
    reset();
    setFile(chosen);
    setHeaders([]);
    setMapping({});
    if (!chosen) return;
    try {
      const header = await readHeader(chosen);
      setHeaders(header);
      setMapping(guessMapping(header));
    } catch {
      setProblem({ issue: { code: "csv_malformed", params: { row: 1 } } });
    }
  }

  /** Pasted rows become a file of their own, which then goes the way an uploaded one does. */
  function pasteRows(text: string) {
    reset();
    setPasted(text);
    const { text: fileText, headerAdded: added } = pastedRowsText(text);
    setHeaderAdded(added);
    if (!fileText) {
      setFile(null);
      setHeaders([]);
      setMapping({});
      return;
    }
    const header = readHeaderText(fileText);
    setFile(new File([fileText], `${tTools("paste.fileName")}.txt`, { type: "text/plain" }));
    // The mapping chosen stays while the header row stays the same.
    if (header.join("\u0000") !== headers.join("\u0000")) {
      setHeaders(header);
      setMapping(guessMapping(header));
    }
  }

  function chooseSource(next: "file" | "paste") {
    setSource(next);
    reset();
    setFile(null);
    setHeaders([]);
    setMapping({});
    setPasted("");
    setHeaderAdded(false);
  }

  const templateUrl = (example: boolean) => `/dashboard/${org}/issue/bulk/template?achievementId=${encodeURIComponent(achievementId)}${example ? "&example=1" : ""}`;

  async function send(mode: "preview" | "issue") {
    if (!file) {
      setProblem({ issue: { code: "file_empty" } });
      return;
    }
    setPending(mode);
    setProblem(null);
    const body = new FormData();
    body.set("mode", mode);
    body.set("achievementId", achievementId);
    body.set("file", file);
    body.set("mapping", JSON.stringify(Object.fromEntries(BULK_FIELDS.map((field) => [field, mapping[field] ?? null]))));
    if (message.trim()) body.set("message", message.trim());
    // Send now, or at the time chosen in the issuer's time zone.
    const when = formRef.current ? new FormData(formRef.current) : null;
    for (const name of ["when", "sendAt", "timeZone"]) {
      const value = when?.get(name);
      if (typeof value === "string" && value) body.set(name, value);
    }
    try {
      const response = await fetch(`/dashboard/${org}/issue/bulk/upload`, { method: "POST", body });
      const answer = (await response.json()) as {
        preview?: BulkPreview;
        job?: { id: string };
        error?: { code: string; message: string; details?: Record<string, { code: string; params?: Record<string, string | number> }> };
      };
      if (answer.error) {
        const detail = answer.error.details && Object.values(answer.error.details).find((value) => value && typeof value === "object" && "code" in value);
        setProblem({ issue: detail ?? { code: answer.error.code }, message: answer.error.message });
        return;
      }
      if (answer.job) {
        router.push(`/dashboard/${org}/issue/bulk/${answer.job.id}`);
        return;
      }
      if (answer.preview) setPreview(answer.preview);
    } catch {
      setProblem({ issue: { code: "internal" } });
    } finally {
      setPending(null);
    }
  }

  const columnOptions = headers.map((header, index) => ({ value: String(index), label: header || t("mapping.unnamed", { n: index + 1 }) }));

  return (
    <Card>
      <CardHeader title={t("upload.title")} description={t("upload.body", { format: DATE_FORMAT })} />
      <form
        ref={formRef}
        noValidate
        className="space-y-6"
        onSubmit={(event) => {
          event.preventDefault();
          void send("preview");
        }}
      >
        <div className="grid gap-4 md:grid-cols-2">
          <div className="space-y-1">
            <label htmlFor={`${id}-achievement`} className="block text-sm font-medium text-stone-800">{t("upload.achievement")}</label>
            <select
              id={`${id}-achievement`}
              className={selectClasses}
              value={achievementId}
              onChange={(event) => {
                setAchievementId(event.target.value);
                reset();
              }}
            >
              {achievements.map((achievement) => <option key={achievement.id} value={achievement.id}>{achievement.name}</option>)}
            </select>
          </div>
          <div className="space-y-1 text-sm">
            <p className="font-medium text-stone-800">{tTools("template.title")}</p>
            <p className="text-stone-700">{tTools("template.hint")}</p>
            <p className="flex flex-wrap gap-x-4 gap-y-1">
              <a href={templateUrl(false)} download className="font-medium text-brand-800 underline">{tTools("template.download")}</a>
              <a href={templateUrl(true)} download className="font-medium text-brand-800 underline">{tTools("template.downloadExample")}</a>
            </p>
          </div>
        </div>

        <fieldset className="space-y-3">
          <legend className="text-sm font-semibold text-stone-900">{tTools("source.legend")}</legend>
          <div className="flex flex-wrap gap-4 text-sm text-stone-800">
            {(["file", "paste"] as const).map((option) => (
              <label key={option} className="flex items-center gap-2">
                <input type="radio" name="bulk-source" value={option} checked={source === option} onChange={() => chooseSource(option)} className="h-4 w-4" />
                {tTools(`source.${option}`)}
              </label>
            ))}
          </div>
          {source === "file" ? (
            <div className="space-y-1">
              <label htmlFor={`${id}-file`} className="block text-sm font-medium text-stone-800">{t("upload.file")}</label>
              <input
                id={`${id}-file`}
                type="file"
                accept=".csv,.txt,.tsv,text/csv"
                aria-describedby={`${id}-file-hint`}
                className="block w-full text-sm text-stone-800 file:mr-3 file:rounded-lg file:border file:border-stone-300 file:bg-white file:px-3 file:py-2 file:text-sm file:font-semibold"
                onChange={(event) => void chooseFile(event.target.files?.[0] ?? null)}
              />
              <p id={`${id}-file-hint`} className="text-xs text-stone-600">{t("upload.fileHint")}</p>
            </div>
          ) : (
            <div className="space-y-1">
              <label htmlFor={`${id}-paste`} className="block text-sm font-medium text-stone-800">{tTools("paste.label")}</label>
              <textarea
                id={`${id}-paste`}
                rows={6}
                spellCheck={false}
                className={`${selectClasses} font-mono`}
                value={pasted}
                aria-describedby={`${id}-paste-hint`}
                onChange={(event) => pasteRows(event.target.value)}
              />
              <p id={`${id}-paste-hint`} className="text-xs text-stone-600">{tTools("paste.hint")}</p>
              {headerAdded && <p className="text-xs text-stone-700" data-testid="bulk-paste-header-added">{tTools("paste.headerAdded")}</p>}
            </div>
          )}
        </fieldset>

        {headers.length > 0 && (
          <fieldset className="space-y-3">
            <legend className="text-sm font-semibold text-stone-900">{t("mapping.title")}</legend>
            <p className="text-sm text-stone-700">{t("mapping.body")}</p>
            <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
              {BULK_FIELDS.map((field: BulkField) => (
                <div key={field} className="space-y-1">
                  <label htmlFor={`${id}-map-${field}`} className="block text-sm font-medium text-stone-800">
                    {t(`fields.${field}`)}
                    {REQUIRED_FIELDS.includes(field) && <span className="text-stone-600"> ({t("mapping.required")})</span>}
                  </label>
                  <select
                    id={`${id}-map-${field}`}
                    className={selectClasses}
                    value={mapping[field] === undefined ? "" : String(mapping[field])}
                    onChange={(event) => {
                      const value = event.target.value;
                      setMapping((current) => {
                        const next = { ...current };
                        if (value === "") delete next[field];
                        else next[field] = Number(value);
                        return next;
                      });
                      reset();
                    }}
                  >
                    <option value="">{t("mapping.none")}</option>
                    {columnOptions.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
                  </select>
                </div>
              ))}
            </div>
          </fieldset>
        )}

        <div className="space-y-1">
          <label htmlFor={`${id}-message`} className="block text-sm font-medium text-stone-800">{t("upload.message")}</label>
          <textarea
            id={`${id}-message`}
            rows={3}
            maxLength={2000}
            className={selectClasses}
            value={message}
            aria-describedby={`${id}-message-hint`}
            onChange={(event) => setMessage(event.target.value)}
          />
          <p id={`${id}-message-hint`} className="text-xs text-stone-600">{t("upload.messageHint")}</p>
        </div>

        <ScheduleFields />

        {problem && <Alert tone="error">{issueText(problem.issue, problem.message)}</Alert>}

        <div className="flex flex-wrap gap-3">
          <Button type="submit" variant={preview ? "secondary" : "primary"} disabled={!hydrated || pending !== null || !file}>
            {pending === "preview" ? t("upload.checking") : t("upload.check")}
          </Button>
        </div>
      </form>

      {preview && <PreviewResult preview={preview} pending={pending === "issue"} onIssue={() => void send("issue")} />}
    </Card>
  );
}

function PreviewResult({ preview, pending, onIssue }: { preview: BulkPreview; pending: boolean; onIssue: () => void }) {
  const t = useTranslations("bulk");
  const issueText = useIssueText();
  const columns = preview.headers;
  // Every field the file fills, in the form's order: what will be issued is what is shown.
  const shown = BULK_FIELDS.filter((field) => preview.mapping[field] !== undefined);
  const rowText = (row: ValidatedRow) => (row.issue ? issueText(row.issue) : t("preview.ok"));
  return (
    <section aria-labelledby="bulk-preview-heading" className="mt-8 space-y-4 border-t border-stone-200 pt-6">
      <h3 id="bulk-preview-heading" className="text-base font-semibold text-stone-900">{t("preview.title")}</h3>
      {preview.mappingIssues.length > 0 ? (
        <Alert tone="error">
          <ul className="list-disc pl-5">{preview.mappingIssues.map((issue, i) => <li key={i}>{issueText(issue)}</li>)}</ul>
        </Alert>
      ) : (
        <Alert tone={preview.invalid > 0 ? "warning" : "success"}>{t("preview.summary", { total: preview.total, valid: preview.valid, invalid: preview.invalid })}</Alert>
      )}
      <div className="relative overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t("preview.caption", { count: preview.rows.length })}</caption>
          <TableHead columns={[t("preview.row"), ...shown.map((field) => t(`fields.${field}`)), t("preview.outcome")]} />
          <tbody className="divide-y divide-stone-100">
            {preview.rows.map((row) => (
              <tr key={row.rowNumber} data-testid="bulk-preview-row" className={row.issue ? "bg-red-50" : undefined}>
                <td className="py-2 pr-3 tabular-nums">{row.rowNumber}</td>
                {shown.map((field) => (
                  <td key={field} className="max-w-xs break-words py-2 pr-3">{row.data[field]}</td>
                ))}
                <td className={row.issue ? "py-2 font-medium text-red-800" : "py-2 text-brand-800"}>{rowText(row)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.total > preview.rows.length && <p className="text-sm text-stone-700">{t("preview.more", { shown: preview.rows.length, total: preview.total })}</p>}
      {preview.invalid > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer font-medium text-stone-900">{t("preview.allProblems", { count: preview.invalid })}</summary>
          <ul className="mt-2 space-y-1">
            {preview.problems.map((row) => <li key={row.rowNumber}>{t("preview.problemLine", { row: row.rowNumber, text: rowText(row) })}</li>)}
          </ul>
        </details>
      )}
      <p className="text-sm text-stone-700">{t("preview.columnsFound", { columns: columns.join(", ") })}</p>
      {preview.mappingIssues.length === 0 && preview.valid > 0 && (
        <Button type="button" onClick={onIssue} disabled={pending}>
          {pending ? t("preview.issuing") : t("preview.issue", { count: preview.valid })}
        </Button>
      )}
    </section>
  );
}
