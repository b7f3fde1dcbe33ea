import "server-only";
import { z } from "zod";
import { AppError, fieldErrorsFromZod, type FieldErrors } from "@/lib/errors";
import { log } from "@/lib/log";

/**
 * The one error responder. Every failure a caller can act on becomes an `AppError` here, so route
 * handlers (`errorResponse`) and server actions (`toAppError`, in lib/auth/guard.ts) refuse the same
 * input the same way: typed errors as they are, zod failures as 422 with field details, and
 * PostgreSQL's data errors (text or numbers the database cannot take) as 422 too. Anything else is
 * a bug: logged, and answered 500 without details.
 */

/**
 * PostgreSQL SQLSTATEs that mean "the value sent is not acceptable" rather than "the server is
 * broken": 22021 invalid byte sequence (NUL in text), 22P05 untranslatable character, 22007
 * invalid datetime format, 22008 datetime field overflow, 22003 numeric value out of range,
 * 22P02 invalid text representation.
 */
const DATA_ERRORS: Record<string, string> = {
  "22021": "invalid_characters",
  "22P05": "invalid_characters",
  "22007": "invalid_date",
  "22008": "date_out_of_range",
  "22003": "number_out_of_range",
  "22P02": "invalid_format",
};

/** The SQLSTATE of a database error, through Prisma's driver-adapter wrapping; undefined otherwise. */
export function sqlState(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const meta = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; code?: unknown } } } }).meta;
  const cause = meta?.driverAdapterError?.cause ?? (error as { cause?: { originalCode?: unknown; code?: unknown } }).cause;
  const code = cause?.originalCode ?? cause?.code ?? (error as { code?: unknown }).code;
  // SQLSTATEs of data errors start with two digits; Prisma's own codes (P2002) do not.
  return typeof code === "string" && /^\d{2}[0-9A-Z]{3}$/.test(code) ? code : undefined;
}

/** An error a caller can act on, as an AppError; null for anything else (a bug, an outage). */
export function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) {
    const fields: FieldErrors = fieldErrorsFromZod(error);
    const summary = Object.entries(fields)
      .map(([field, issue]) => `${field}: ${issue.code}`)
      .join(", ");
    return new AppError("validation_failed", `Invalid input (${summary})`, fields);
  }
  const state = sqlState(error);
  if (state && DATA_ERRORS[state]) {
    // The database does not say which field; the reason is still one a caller can fix.
    const reason = DATA_ERRORS[state];
    log.warn({ sqlState: state }, "database refused a value");
    return new AppError("validation_failed", `The database refused a value (${reason})`, { form: { code: reason } });
  }
  return null;
}

/** The JSON shape of every error answer: `{ error: { code, message, details } }`. */
export function errorBody(error: AppError) {
  return { error: { code: error.code, message: error.message, details: error.fields ?? error.params ?? {} } };
}

/** The one responder for route handlers: typed errors with their status, anything else 500 and logged. */
export function errorResponse(error: unknown): Response {
  const known = toAppError(error);
  if (known) return Response.json(errorBody(known), { status: known.status });
  if (isBusy(error)) {
    // Rendering ran out of time or room (lib/render): the server is busy, not broken; retry soon.
    return Response.json(
      { error: { code: "unavailable", message: error.message, details: {} } },
      { status: 503, headers: { "Retry-After": "5", "Cache-Control": "no-store" } },
    );
  }
  log.error({ err: error }, "route handler failed");
  return Response.json({ error: { code: "internal", message: "Something went wrong on our side", details: {} } }, { status: 500 });
}

/** An error that says "busy, try again" by carrying status 503 (the render pool's timeout and full queue). */
function isBusy(error: unknown): error is Error {
  return error instanceof Error && (error as { status?: unknown }).status === 503;
}
