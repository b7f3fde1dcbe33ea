type ConstraintInfo = { fields?: string[]; index?: string };

/**
 * True when `error` is Prisma's unique-constraint violation (P2002), optionally on `field`.
 * Driver adapters report the constraint as its fields (PGlite) or its index name, like
 * `Organization_slug_key` (pg); without an adapter Prisma puts the fields in meta.target.
 */
export function isUniqueViolation(error: unknown, field?: string): boolean {
  if (typeof error !== "object" || error === null || (error as { code?: unknown }).code !== "P2002") return false;
  if (!field) return true;
  const meta = (error as { meta?: Record<string, unknown> }).meta ?? {};
  const constraint = (meta.driverAdapterError as { cause?: { constraint?: ConstraintInfo } } | undefined)?.cause?.constraint;
  // PGlite quotes the names ("organizationId"), pg does not.
  if (constraint?.fields) return constraint.fields.map((name) => name.replace(/"/g, "")).includes(field);
  if (constraint?.index) return constraint.index.split("_").slice(1, -1).includes(field);
  const target = meta.target;
  const fields = Array.isArray(target) ? target : typeof target === "string" ? [target] : [];
  return fields.includes(field);
}

/** The PostgreSQL SQLSTATE of a failed query (e.g. "22008"), through Prisma's driver adapter; null for other errors. */
export function sqlState(error: unknown): string | null {
  if (typeof error !== "object" || error === null) return null;
  const meta = (error as { meta?: Record<string, unknown> }).meta;
  const cause = (meta?.driverAdapterError as { cause?: { originalCode?: unknown; code?: unknown } } | undefined)?.cause;
  // A pg DatabaseError (no Prisma around it) carries the SQLSTATE itself, beside a severity.
  const code = meta ? (cause?.originalCode ?? cause?.code) : "severity" in error ? (error as { code?: unknown }).code : undefined;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}
