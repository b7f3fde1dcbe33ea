import { describe, expect, it } from "vitest";
import { translatorFor } from "@/lib/i18n/translator";
import { bulkProgressView, type BulkProgressState } from "./progress";

/** The job page's bar (rows counted as done) and line, as a person reads them. */
function read(job: BulkProgressState, locale = "en") {
  const { t } = translatorFor(locale);
  const { done, summary } = bulkProgressView(job);
  const key = `bulk.${summary.key}` as never;
  return { done, line: "values" in summary ? t(key, summary.values as never) : t(key) };
}

// Five rows uploaded, one of them refused by the checks at upload (it counts as done at once).
const uploaded = { total: 5, done: 1, failed: 1 };

describe("a bulk job's progress line", () => {
  it("shows an empty bar and what is waiting while the job is queued, not the refused row as progress", () => {
    expect(read({ ...uploaded, status: "queued" })).toEqual({ done: 0, line: "Waiting to start · 4 rows to issue · 1 row with a problem" });
    expect(read({ ...uploaded, status: "queued" }, "es").line).toBe("En espera · 4 filas por emitir · 1 fila con un problema");
    expect(read({ total: 3, done: 0, failed: 0, status: "queued" }).line).toBe("Waiting to start · 3 rows to issue");
  });

  it("waits the same way while scheduled, and counts nothing once cancelled", () => {
    expect(read({ ...uploaded, status: "scheduled" })).toEqual({ done: 0, line: "Waiting to start · 4 rows to issue · 1 row with a problem" });
    expect(read({ ...uploaded, status: "cancelled" }).done).toBe(0);
  });

  it("counts every handled row once a worker runs it", () => {
    expect(read({ total: 5, done: 3, failed: 1, status: "running" })).toEqual({ done: 3, line: "3 of 5 rows (60%) · 1 error" });
    expect(read({ total: 5, done: 5, failed: 1, status: "completed" })).toEqual({ done: 5, line: "5 of 5 rows (100%) · 1 error" });
  });
});
