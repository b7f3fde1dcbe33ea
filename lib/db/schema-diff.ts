// Computes the SQL that takes a database from "all migrations applied" to prisma/schema.prisma,
// with Prisma's own schema engine compiled to WebAssembly, so it needs neither the native engine
// (downloaded from a CDN by the prisma CLI) nor a database server: the migrations are replayed
// onto an in-memory PGlite that serves as the shadow database.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import * as schemaEngineWasm from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { MigrationList } from "@prisma/schema-engine-wasm";
import {
  MIGRATION_LOCK_CONTENT,
  MIGRATION_LOCK_FILE,
  defaultMigrationsDir,
  readMigrationFiles,
} from "./migration-files.ts";

export type SchemaDiffOptions = {
  migrationsDir?: string;
  schemaPath?: string;
};

type WasmBindings = typeof schemaEngineWasm & { __wbg_set_wasm(exports: WebAssembly.Exports): void };

let engineModule: Promise<typeof schemaEngineWasm> | undefined;

// The package's entry point does `import * as wasm from "./schema_engine_bg.wasm"`, which Node 20
// cannot load; instantiate the .wasm ourselves against the JS glue it expects.
function loadSchemaEngine(): Promise<typeof schemaEngineWasm> {
  engineModule ??= (async () => {
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmBytes = await readFile(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
    const bindings = schemaEngineWasm as WasmBindings;
    const { instance } = await WebAssembly.instantiate(wasmBytes, {
      "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return schemaEngineWasm;
  })();
  return engineModule;
}

function migrationList(migrationsDir: string): MigrationList {
  return {
    baseDir: migrationsDir,
    // The engine reads the connector from the lock file; ours is always PostgreSQL.
    lockfile: { path: MIGRATION_LOCK_FILE, content: MIGRATION_LOCK_CONTENT },
    shadowDbInitScript: "",
    migrationDirectories: readMigrationFiles(migrationsDir).map((migration) => ({
      path: migration.name,
      migrationFile: { path: "migration.sql", content: { tag: "ok", value: migration.sql } },
    })),
  };
}

/**
 * SQL that would bring a database migrated with every file in `migrationsDir` to the schema in
 * `schemaPath`; an empty string when they agree.
 */
export async function diffMigrationsToSchema(options: SchemaDiffOptions = {}): Promise<string> {
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir();
  const schemaPath = options.schemaPath ?? path.join(process.cwd(), "prisma", "schema.prisma");
  const schema = await readFile(schemaPath, "utf8");
  const schemaFiles = [{ path: path.basename(schemaPath), content: schema }];

  const wasm = await loadSchemaEngine();
  const opened: PGlite[] = [];
  const openPglite = () => {
    const instance = new PGlite("memory://");
    opened.push(instance);
    return instance;
  };
  // pglite-prisma-adapter's own shadow databases are never closed; open and close them here.
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: "postgres",
    adapterName: "pglite-prisma-adapter",
    connect: () => new PrismaPGlite(openPglite()).connect(),
    connectToShadowDb: () => new PrismaPGlite(openPglite()).connect(),
  };

  const engineLog: string[] = [];
  const engine = await wasm.SchemaEngine.new(
    { datamodels: schemaFiles.map((file) => [file.path, file.content] as [string, string]) },
    (line: string) => engineLog.push(line),
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  try {
    const result = await engine.diff({
      from: { tag: "migrations", ...migrationList(migrationsDir) },
      to: { tag: "schemaDatamodel", files: schemaFiles },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    const script = result.stdout ?? "";
    // An empty diff still renders as a comment line.
    return /^\s*(--[^\n]*\s*)*$/.test(script) ? "" : script;
  } finally {
    engine.free();
    await Promise.all(opened.map((instance) => instance.close().catch(() => undefined)));
  }
}
