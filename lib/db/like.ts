/**
 * Text for Prisma's `contains` / `startsWith` / `endsWith`, which hand it to LIKE as it is: an
 * unescaped `%` or `_` would match anything. PostgreSQL's default LIKE escape is the backslash.
 */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
