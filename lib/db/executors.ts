// SqlExecutor over the two drivers Laurel runs on: a pg connection or an embedded PGlite.
import type { PGliteInterface, Transaction } from "@electric-sql/pglite";
import type { ClientBase, QueryResult } from "pg";
import type { SqlExecutor } from "./migrations.ts";

/** Over one pg connection (not a Pool: the advisory lock and transactions are per session). */
export function pgClientExecutor(client: ClientBase): SqlExecutor {
  const executor: SqlExecutor = {
    async query<T>(text: string, params?: unknown[]) {
      const result = await client.query(text, params as unknown[] | undefined);
      return lastRows<T>(result);
    },
    async exec(script) {
      // Without parameters pg uses the simple query protocol, which runs multi-statement scripts.
      await client.query(script);
    },
    async transaction(work) {
      await client.query("BEGIN");
      try {
        const result = await work(executor);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      }
    },
  };
  return executor;
}

/** pg returns an array of results for a multi-statement text; the caller wants the last. */
export function lastRows<T>(result: QueryResult | QueryResult[]): T[] {
  const last = Array.isArray(result) ? result[result.length - 1] : result;
  return (last?.rows ?? []) as T[];
}

export function pgliteExecutor(pglite: PGliteInterface | Transaction): SqlExecutor {
  return {
    async query<T>(text: string, params?: unknown[]) {
      return (await pglite.query<T>(text, params)).rows;
    },
    async exec(script) {
      await pglite.exec(script);
    },
    async transaction(work) {
      if (!("transaction" in pglite)) throw new Error("Nested transactions are not supported.");
      return pglite.transaction((tx) => work(pgliteExecutor(tx)));
    },
  };
}
