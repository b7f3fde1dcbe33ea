import { z } from "zod";
import { fieldError } from "@/lib/errors";
import { safeText } from "@/lib/text";
import { isTimeZone, zonedTimeToUtc } from "./zoned-time";

/** The furthest ahead an issue may be scheduled. */
export const MAX_SCHEDULE_DAYS = 366;

const optional = z.preprocess((value) => (value === "" ? undefined : value), safeText().trim().max(64).optional());

/** The "when" part of the issue forms: now, or a wall-clock time in the issuer's time zone. */
export const scheduleFieldsSchema = z.object({
  when: z.enum(["now", "later"]).default("now"),
  sendAt: optional,
  timeZone: optional,
});

export type ScheduleFields = z.infer<typeof scheduleFieldsSchema>;
export type Schedule = { sendAt: Date; timeZone: string };

/**
 * The instant a "later" choice names, or null for "now". Refused with the field and the reason:
 * no time, not a time, an unknown zone, a time already past, or more than a year ahead.
 */
export function scheduleFrom(fields: ScheduleFields, now: Date): Schedule | null {
  if (fields.when === "now") return null;
  if (!fields.sendAt) throw fieldError("sendAt", "required");
  const timeZone = fields.timeZone ?? "UTC";
  if (!isTimeZone(timeZone)) throw fieldError("sendAt", "time_zone_unknown");
  const sendAt = zonedTimeToUtc(fields.sendAt, timeZone);
  if (!sendAt) throw fieldError("sendAt", "invalid_date");
  if (sendAt.getTime() <= now.getTime()) throw fieldError("sendAt", "send_at_past");
  if (sendAt.getTime() > now.getTime() + MAX_SCHEDULE_DAYS * 24 * 60 * 60 * 1000) throw fieldError("sendAt", "send_at_too_far");
  return { sendAt, timeZone };
}
