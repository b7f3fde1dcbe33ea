// Throwaway PostgreSQL databases for tests: created with a unique name, dropped afterwards.
import { randomBytes } from "node:crypto";
import pg from "pg";

/** The server tests use when DATABASE_URL is unset (the usual local and CI server). */
export const LOCAL_SERVER_URL = "postgres://postgres@127.0.0.1:5432/postgres";

/** `url` (default: DATABASE_URL, else the local server) if a server answers there. */
export async function reachablePostgres(url = process.env.DATABASE_URL || LOCAL_SERVER_URL): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return url;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export type ThrowawayDatabase = { name: string; url: string; drop(): Promise<void> };

/** Creates an empty database on the server of `serverUrl`. */
export async function createThrowawayDatabase(serverUrl: string, prefix = "laurel_test"): Promise<ThrowawayDatabase> {
  const name = `${prefix}_${Date.now()}_${randomBytes(4).toString("hex")}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  return {
    name,
    url: databaseUrl(serverUrl, name),
    // FORCE: a pool a test forgot to close must not keep the database alive.
    drop: () => withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
