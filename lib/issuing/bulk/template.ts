import { writeCsv } from "@/lib/csv/write";
import { findIssuableAchievement } from "../issuable-achievements";
import type { BulkField } from "./columns";
import type { BulkRowPolicy } from "./validate";

/** What the template needs to know of an achievement. */
export type TemplateAchievement = BulkRowPolicy & { name: string };

export type TemplateColumn = { field: BulkField; header: string };

/**
 * The columns a spreadsheet for this achievement needs, headed so the upload matches each to its
 * field without any choice (lib/issuing/bulk/columns.ts reads these names): recipient email and
 * name, the result, the issue date; the expiry date only when the achievement sets none itself;
 * the evidence link and its narrative when the achievement requires evidence.
 */
export function templateColumns(achievement: BulkRowPolicy): TemplateColumn[] {
  const columns: TemplateColumn[] = [
    { field: "email", header: "email" },
    { field: "name", header: "name" },
    { field: "result", header: "result" },
    { field: "issueDate", header: "issue_date" },
  ];
  if (!achievement.expiresAfterValue) columns.push({ field: "expiryDate", header: "expiry_date" });
  if (achievement.evidenceRequired) columns.push({ field: "evidenceUrl", header: "evidence_url" }, { field: "narrative", header: "narrative" });
  return columns;
}

/** One row that passes the upload's checks as it stands, to show what each column takes. */
function exampleRow(columns: TemplateColumn[], today: Date): string[] {
  const year = today.getUTCFullYear();
  const values: Record<BulkField, string> = {
    email: "ada.lovelace@example.com",
    name: "Ada Lovelace",
    result: "Passed",
    issueDate: `${year}-01-15`,
    expiryDate: `${year + 2}-01-15`,
    evidenceUrl: "https://example.com/portfolio/ada-lovelace",
    narrative: "Built the final project on her own.",
  };
  return columns.map((column) => values[column.field]);
}

/** A file name from the achievement's name: letters, digits and dashes only. */
export function templateFileName(achievementName: string): string {
  const base = achievementName
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
  return `${base || "achievement"}-recipients.csv`;
}

/** The template for one of the organization's achievements: its header, and one example row when asked. */
export async function bulkTemplateCsv(
  organizationId: string,
  achievementId: string,
  options: { example?: boolean; now?: Date } = {},
): Promise<{ fileName: string; csv: string; columns: string[] }> {
  const achievement = await findIssuableAchievement(organizationId, achievementId);
  const columns = templateColumns(achievement);
  const header = columns.map((column) => column.header);
  const rows = options.example ? [exampleRow(columns, options.now ?? new Date())] : [];
  return { fileName: templateFileName(achievement.name), csv: writeCsv(header, rows), columns: header };
}
