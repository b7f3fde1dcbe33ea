import type { z } from "zod";

/**
 * Errors a person or a client can act on. `code` is machine-readable and doubles as the
 * i18n key under `errors.*`; field errors name the field and the reason.
 */
export type ErrorCode =
  | "validation_failed"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "payment_required"
  | "gone";

export type FieldIssue = { code: string; params?: Record<string, string | number> };
export type FieldErrors = Record<string, FieldIssue>;

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 422,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  payment_required: 402,
  gone: 410,
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldErrors,
    readonly params?: Record<string, string | number>,
  ) {
    super(message);
    this.name = "AppError";
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export const notFound = (what = "Not found") => new AppError("not_found", what);
export const forbidden = (why = "You do not have permission to do this") => new AppError("forbidden", why);
export const fieldError = (field: string, code: string, params?: FieldIssue["params"]) =>
  new AppError("validation_failed", `${field}: ${code}`, { [field]: { code, params } });

/** Turns zod issues into one issue per field (the first), using stable reason codes. */
export function fieldErrorsFromZod(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.join(".") || "form";
    if (fields[field]) continue;
    fields[field] = issueToFieldIssue(issue);
  }
  return fields;
}

const REASON_CODE = /^[a-z]+(_[a-z]+)+$/;

function issueToFieldIssue(issue: z.core.$ZodIssue): FieldIssue {
  // Refinements and regexes carry their reason code (snake_case) in `message`.
  if (REASON_CODE.test(issue.message) && (issue.code === "custom" || issue.code === "invalid_format")) return { code: issue.message };
  if (issue.code === "custom") return { code: "invalid" };
  if (issue.code === "invalid_format") return { code: issue.format === "email" ? "invalid_email" : "invalid_format" };
  if (issue.code === "too_small") {
    if (issue.origin === "string" && issue.minimum === 1) return { code: "required" };
    return { code: "too_short", params: { min: Number(issue.minimum) } };
  }
  if (issue.code === "too_big") return { code: "too_long", params: { max: Number(issue.maximum) } };
  if (issue.code === "invalid_type") return { code: "required" };
  if (issue.code === "invalid_value") return { code: "invalid_choice" };
  return { code: "invalid" };
}

/** Parses input at the edge; throws a validation AppError naming each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const fields = fieldErrorsFromZod(result.error);
    const summary = Object.entries(fields)
      .map(([field, issue]) => `${field}: ${issue.code}`)
      .join(", ");
    throw new AppError("validation_failed", `Invalid input (${summary})`, fields);
  }
  return result.data;
}
