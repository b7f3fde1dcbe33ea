import { useTranslations } from "next-intl";
import type { BulkFailure } from "@/lib/issuing/bulk/queries";

export function FailureList({ failures, total }: { failures: BulkFailure[]; total: number }) {
  const t = useTranslations("bulk");
  if (failures.length === 0) return <p className="text-sm text-stone-700">{t("job.noFailures")}</p>;
  const text = (failure: BulkFailure) => {
    const issue = failure.issue;
    if (issue && t.has(`issues.${issue.code}`)) {
      const params = { ...issue.params, ...(issue.params?.field ? { field: t(`fields.${issue.params.field}` as never) } : {}) };
      return t(`issues.${issue.code}`, params);
    }
    return failure.error ?? "";
  };
  return (
    <>
      <ul className="divide-y divide-stone-100 text-sm">
        {failures.map((failure) => (
          <li key={failure.rowNumber} className="py-2" data-testid="bulk-failure">
            <span className="font-medium text-stone-900">{t("job.failureRow", { row: failure.rowNumber, email: failure.email || "—" })}</span>{" "}
            <span className="text-red-800">{text(failure)}</span>
          </li>
        ))}
      </ul>
      {total > failures.length && <p className="mt-2 text-sm text-stone-700">{t("job.moreFailures", { shown: failures.length, total })}</p>}
    </>
  );
}
