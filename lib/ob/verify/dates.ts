import { fail, pass, type Check, type Json } from "./result";

// XML Schema dateTime as the VC data model uses it: a date, a time, optional fraction, optional zone.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

function parseDate(value: unknown): Date | null | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || !DATE_TIME.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Clocks disagree a little; a start this close ahead still counts as started (as JWT libraries allow). */
export const CLOCK_TOLERANCE_MS = 60_000;

/**
 * The validity window shared by both versions. `start`/`end` name the properties so the
 * message says which one the credential carries (validFrom vs issuanceDate, issuedOn…).
 */
export function checkValidityWindow(
  window: { start?: [string, unknown]; end?: [string, unknown] },
  now: Date,
): Check {
  const [startName, startValue] = window.start ?? ["", undefined];
  const [endName, endValue] = window.end ?? ["", undefined];
  const start = parseDate(startValue);
  const end = parseDate(endValue);
  if (start === null) return fail("dates", "date_invalid", `"${startName}" is not a valid date and time (${String(startValue)}).`);
  if (end === null) return fail("dates", "date_invalid", `"${endName}" is not a valid date and time (${String(endValue)}).`);
  if (start && end && end.getTime() < start.getTime()) {
    return fail("dates", "expires_before_issued", `It expires (${endValue}) before it takes effect (${startValue}).`);
  }
  if (start && start.getTime() > now.getTime() + CLOCK_TOLERANCE_MS) {
    return fail("dates", "not_yet_valid", `It is not valid yet: ${startName} is ${startValue}.`);
  }
  if (end && end.getTime() < now.getTime()) {
    return fail("dates", "expired", `It expired on ${endValue}.`);
  }
  if (end) return pass("dates", "current", `It is valid from ${startValue ?? "issue"} until ${endValue}.`);
  return pass("dates", "current", startValue ? `It has been valid since ${startValue} and does not expire.` : "It carries no validity dates.");
}

/** OB 3.0: validFrom/validUntil (VC 2.0), or issuanceDate/expirationDate (VC 1.1). */
export function checkCredentialDates(credential: Json, now: Date): Check {
  const start: [string, unknown] | undefined =
    credential.validFrom !== undefined ? ["validFrom", credential.validFrom] : credential.issuanceDate !== undefined ? ["issuanceDate", credential.issuanceDate] : undefined;
  const end: [string, unknown] | undefined =
    credential.validUntil !== undefined ? ["validUntil", credential.validUntil] : credential.expirationDate !== undefined ? ["expirationDate", credential.expirationDate] : undefined;
  return checkValidityWindow({ start, end }, now);
}

/** OB 2.0 assertions: issuedOn and expires. */
export function checkAssertionDates(assertion: Json, now: Date): Check {
  return checkValidityWindow(
    {
      start: assertion.issuedOn !== undefined ? ["issuedOn", assertion.issuedOn] : undefined,
      end: assertion.expires !== undefined ? ["expires", assertion.expires] : undefined,
    },
    now,
  );
}
