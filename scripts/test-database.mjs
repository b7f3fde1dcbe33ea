// Which PostgreSQL the tests use when nobody said: DATABASE_URL when it is set; otherwise the
// local server on 127.0.0.1:5432 (user postgres, no password) when one answers; otherwise none,
// and the tests use the embedded PGlite. `TEST_DATABASE=embedded` forces the embedded database.
// Tests only create and drop databases of their own on the server; they never touch others.
import pg from "pg";
import { ensureRedis } from "./redis.mjs";

export const LOCAL_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres";

async function answers(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** @returns {Promise<{ url: string | undefined, description: string }>} */
export async function chooseTestDatabase(env = process.env) {
  if (env.TEST_DATABASE === "embedded") return { url: undefined, description: "the embedded PGlite (TEST_DATABASE=embedded)" };
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, description: "PostgreSQL from DATABASE_URL" };
  if (await answers(LOCAL_POSTGRES_URL)) return { url: LOCAL_POSTGRES_URL, description: "the PostgreSQL answering on 127.0.0.1:5432" };
  return { url: undefined, description: "the embedded PGlite (no PostgreSQL answered on 127.0.0.1:5432)" };
}

/**
 * The environment for test processes: DATABASE_URL set to the chosen server, or removed, and
 * TEST_REDIS_URL naming a Redis that answers (for the shared-cache tests).
 */
export async function testEnvironment(env = process.env) {
  const choice = await chooseTestDatabase(env);
  const next = { ...env };
  if (choice.url) next.DATABASE_URL = choice.url;
  else delete next.DATABASE_URL;
  next.TEST_REDIS_URL = await ensureRedis(env);
  console.log(`Tests use ${choice.description}, and Redis at ${next.TEST_REDIS_URL}.`);
  return next;
}
