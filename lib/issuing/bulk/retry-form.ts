import { z } from "zod";
import { idSchema } from "@/lib/ids";
import { isSafeText } from "@/lib/text";
import { CORRECTABLE_FIELDS, type CorrectableField, type RowCorrection } from "./retry";

const ROW_KEY = /^retry\.(\d{1,6})$/;
const MAX_CELL = 10_000;

/**
 * The retry form: the job, a `retry.<row>` box for each row to try again, and `<field>.<row>`
 * inputs with the values to try it with. Values are checked as an upload's cells are, by the retry.
 */
export const retryFormSchema = z
  .object({ jobId: idSchema })
  .catchall(z.unknown())
  .transform((form, context) => {
    const corrections: RowCorrection[] = [];
    for (const key of Object.keys(form)) {
      const match = ROW_KEY.exec(key);
      if (!match || form[key] !== "on") continue;
      const rowNumber = Number(match[1]);
      const values: Partial<Record<CorrectableField, string>> = {};
      for (const field of CORRECTABLE_FIELDS) {
        const value = form[`${field}.${rowNumber}`];
        if (value === undefined) continue;
        if (typeof value !== "string" || value.length > MAX_CELL || !isSafeText(value)) {
          context.addIssue({ code: "custom", path: [`row.${rowNumber}`], message: "invalid_characters" });
          continue;
        }
        values[field] = value;
      }
      corrections.push({ rowNumber, values });
    }
    return { jobId: form.jobId, corrections: corrections.sort((a, b) => a.rowNumber - b.rowNumber) };
  });
