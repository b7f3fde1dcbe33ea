import pino from "pino";

/** Structured logs for the whole app. */
export const log = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: { app: "laurel" },
});
