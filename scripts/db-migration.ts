// npm run db:migration -- <name> — writes prisma/migrations/<YYYYMMDDHHMMSS>_<name>/migration.sql
// with the SQL that takes a database from the existing migrations to prisma/schema.prisma.
// Works offline: Prisma's schema engine runs as WebAssembly against an in-memory PGlite.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  MIGRATION_LOCK_CONTENT,
  MIGRATION_LOCK_FILE,
  defaultMigrationsDir,
  readMigrationFiles,
} from "../lib/db/migration-files.ts";
import { diffMigrationsToSchema } from "../lib/db/schema-diff.ts";

function usage(): never {
  console.error("Usage: npm run db:migration -- <name>   (e.g. add_badge_table)");
  process.exit(2);
}

// Prisma's folder names: UTC timestamp to the second.
function timestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

// Statements that can lose data, flagged for review like `prisma migrate dev` does.
function dataLossWarnings(script: string): string[] {
  const patterns: [RegExp, string][] = [
    [/DROP TABLE\s+"([^"]+)"/g, "drops the table $1"],
    [/ALTER TABLE\s+"([^"]+)"[^;]*?DROP COLUMN\s+"([^"]+)"/g, "drops the column $1.$2"],
    [/ALTER TABLE\s+"([^"]+)"[^;]*?ALTER COLUMN\s+"([^"]+)"\s+SET DATA TYPE/g, "changes the type of $1.$2"],
    [/ALTER TABLE\s+"([^"]+)"[^;]*?ALTER COLUMN\s+"([^"]+)"\s+SET NOT NULL/g, "makes $1.$2 required (fails if a row has NULL)"],
    [/DROP TYPE\s+"([^"]+)"/g, "drops the enum $1"],
    [/CREATE UNIQUE INDEX\s+"([^"]+)"/g, "adds the unique index $1 (fails on duplicate rows)"],
  ];
  const warnings: string[] = [];
  for (const [pattern, message] of patterns) {
    for (const match of script.matchAll(pattern)) {
      warnings.push(message.replace(/\$(\d)/g, (_, group: string) => match[Number(group)] ?? ""));
    }
  }
  return warnings;
}

const rawName = process.argv.slice(2).join("_").trim();
if (!rawName) usage();
const name = rawName.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
if (!name) usage();

const migrationsDir = defaultMigrationsDir();
mkdirSync(migrationsDir, { recursive: true });

const script = await diffMigrationsToSchema({ migrationsDir });
if (!script) {
  console.log("No changes: schema.prisma and the migrations agree.");
  process.exit(0);
}

// Folders apply in name order: never create one that sorts before an existing migration.
const existing = readMigrationFiles(migrationsDir).map((migration) => migration.name);
let stamp = timestamp(new Date());
const latest = existing.at(-1)?.slice(0, 14);
if (latest && stamp <= latest) stamp = String(BigInt(latest) + 1n);

const folder = `${stamp}_${name}`;
const warnings = existing.length > 0 ? dataLossWarnings(script) : [];
const header =
  warnings.length > 0
    ? `/*\n  Warnings: this migration\n${warnings.map((warning) => `  - ${warning}`).join("\n")}\n*/\n`
    : "";
mkdirSync(path.join(migrationsDir, folder));
writeFileSync(path.join(migrationsDir, folder, "migration.sql"), header + script);
if (!existsSync(path.join(migrationsDir, MIGRATION_LOCK_FILE))) {
  writeFileSync(path.join(migrationsDir, MIGRATION_LOCK_FILE), MIGRATION_LOCK_CONTENT);
}

console.log(`Created prisma/migrations/${folder}/migration.sql`);
for (const warning of warnings) console.log(`  Warning: it ${warning}.`);
console.log("Review it, then apply it with `npm run db:migrate` (the app also applies it on start).");
