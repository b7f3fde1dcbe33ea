/**
 * True when `error` is Prisma's unique-constraint violation (P2002), optionally on `field`.
 * With driver adapters the fields sit in meta.driverAdapterError; without, in meta.target.
 */
export function isUniqueViolation(error: unknown, field?: string): boolean {
  if (typeof error !== "object" || error === null || (error as { code?: unknown }).code !== "P2002") return false;
  if (!field) return true;
  const meta = (error as { meta?: Record<string, unknown> }).meta ?? {};
  const fromAdapter = (meta.driverAdapterError as { cause?: { constraint?: { fields?: string[] } } } | undefined)?.cause
    ?.constraint?.fields;
  const target = meta.target;
  const fields = fromAdapter ?? (Array.isArray(target) ? target : typeof target === "string" ? [target] : []);
  return fields.some((f: string) => f === field || f.includes(field));
}
