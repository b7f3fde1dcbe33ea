import { translatorFor } from "@/lib/i18n/translator";
import type { BulkIssue } from "./validate";

/** A row problem in words, for the report and the API (the UI translates the code itself). */
export function describeIssue(issue: BulkIssue, locale?: string | null): string {
  const { t } = translatorFor(locale);
  const key = `bulk.issues.${issue.code}`;
  return t.has(key as never) ? t(key as never, issue.params as never) : issue.code;
}
