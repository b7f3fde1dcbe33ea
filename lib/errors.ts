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
  for (const [path, fieldIssue] of error.issues.flatMap((issue) => fieldIssuesOf(issue, []))) {
    const field = path.join(".") || "form";
    if (!fields[field]) fields[field] = fieldIssue;
  }
  return fields;
}

type PathIssue = [PropertyKey[], FieldIssue];

function fieldIssuesOf(issue: z.core.$ZodIssue, prefix: PropertyKey[]): PathIssue[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === "invalid_union" && issue.errors?.length) {
    const told = unionByDiscriminant(issue.errors);
    if (told?.kind === "none") return [[[...path, ...told.path], { code: "invalid_choice" }]];
    if (told?.kind === "one") return told.issues.flatMap((inner) => fieldIssuesOf(inner, path));
  }
  return [[path, issueToFieldIssue(issue)]];
}

/** The paths of the literal fields (`kind`) an option of a union refused, through nested unions. */
function refusedLiterals(option: z.core.$ZodIssue[]): Set<string> {
  const paths = new Set<string>();
  for (const issue of option) {
    if (issue.code === "invalid_value") paths.add(JSON.stringify(issue.path));
    if (issue.code === "invalid_union" && issue.errors?.length) {
      const nested = issue.errors.map(refusedLiterals);
      for (const inner of nested[0]) if (nested.every((set) => set.has(inner))) paths.add(JSON.stringify([...issue.path, ...JSON.parse(inner)]));
    }
  }
  return paths;
}

/**
 * A union of shapes told apart by one field (`kind: "target" | "pathway" | …`): when that field
 * matches no option, its path (the answer names it, not the whole body); when it matches exactly
 * one, that option's own issues (`unit`, not "the body matches no shape"). Null otherwise.
 */
function unionByDiscriminant(options: z.core.$ZodIssue[][]): { kind: "none"; path: PropertyKey[] } | { kind: "one"; issues: z.core.$ZodIssue[] } | null {
  const refused = options.map(refusedLiterals);
  const candidates = new Set(refused.flatMap((set) => [...set]));
  for (const candidate of candidates) {
    const matching = refused.flatMap((set, index) => (set.has(candidate) ? [] : [index]));
    if (matching.length === 0) return { kind: "none", path: JSON.parse(candidate) as PropertyKey[] };
    if (matching.length === 1) return { kind: "one", issues: options[matching[0]] };
  }
  return null;
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

/**
 * Where a refusal kept for later (a scheduled issue that failed at its time) finds its words in
 * the reader's language: a key under the `errors` messages and its values, as forms show them.
 */
export function refusalMessageKey(error: AppError): { key: string; params?: Record<string, string | number> } {
  if (error.code === "payment_required" && typeof error.params?.limit === "string") return { key: `limits.${error.params.limit}`, params: error.params };
  const field = error.fields ? Object.values(error.fields)[0] : undefined;
  if (field) return { key: `fields.${field.code}`, params: field.params };
  return { key: `codes.${error.code}`, params: error.params };
}
