import { z } from "zod";
import { idSchema } from "@/lib/ids";

/** The template's query: which achievement, and whether to add an example row. */
export const templateQuerySchema = z.object({ achievementId: idSchema, example: z.enum(["0", "1"]).optional() }).strict();

/** Headers of a CSV download; the name is ASCII already (file names are made so). */
export function attachmentHeaders(fileName: string): HeadersInit {
  return {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${fileName.replace(/[^\w.-]/g, "-")}"`,
    "Cache-Control": "no-store",
  };
}
