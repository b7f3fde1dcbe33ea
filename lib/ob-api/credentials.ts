import "server-only";
import { z } from "zod";
import type { Prisma } from "@/lib/db/generated/client.ts";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { readBodyWithLimit } from "@/lib/http/read-body";
import { importCredential, MAX_IMPORT_TEXT_BYTES, type ImportOptions } from "@/lib/backpack/import-credential";
import { isObject } from "@/lib/ob/verify/result";
import { imsxResponse } from "./imsx";

/**
 * getCredentials and upsertCredential of the Open Badges 3.0 API: the learner's backpack as a
 * wallet sees it. Laurel's own credentials go out as issued (the signed JSON-LD); imported
 * ones as they came in (JSON-LD, or a compact JWS for a VC-JWT). Open Badges 2.0 imports are not
 * OB 3.0 credentials, so this API leaves them out.
 */

export const MAX_PAGE_SIZE = 100;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/;
const VC_CONTEXTS = ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/2018/credentials/v1"];

const isoDateTime = z.iso.datetime({ offset: true, local: true }).refine((value) => {
  const year = Number(value.slice(0, 4));
  return year >= 1970 && year <= 9999;
}, "out_of_range");

export const credentialsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(MAX_PAGE_SIZE),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  since: isoDateTime.optional(),
});
export type CredentialsQuery = z.infer<typeof credentialsQuerySchema>;

/** The query string as a page request; an invalid parameter is an `invalid_query_parameter` answer. */
export function readCredentialsQuery(url: URL): CredentialsQuery | Response {
  const parsed = credentialsQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  return imsxResponse(400, "invalid_query_parameter", `${issue.path.join(".")}: ${issue.message}`);
}

function isVerifiableCredential(value: unknown): boolean {
  if (!isObject(value)) return false;
  const contexts = Array.isArray(value["@context"]) ? value["@context"] : [value["@context"]];
  return contexts.some((context) => typeof context === "string" && VC_CONTEXTS.includes(context));
}

type WalletItem = { credential: object } | { compactJwsString: string };

/** An imported payload in the API's form, or null for what is not an OB 3.0 credential. */
function importedItem(payload: string): WalletItem | null {
  const text = payload.trim();
  if (COMPACT_JWS.test(text)) {
    try {
      const claims = JSON.parse(Buffer.from(text.split(".")[1], "base64url").toString("utf8"));
      return isObject(claims) && (isVerifiableCredential(claims) || isVerifiableCredential(claims.vc)) ? { compactJwsString: text } : null;
    } catch {
      return null;
    }
  }
  try {
    const json: unknown = JSON.parse(text);
    return isVerifiableCredential(json) ? { credential: json as object } : null;
  } catch {
    return null;
  }
}

export type CredentialsPage = { total: number; credential: object[]; compactJwsString: string[] };

export async function listWalletCredentials(userId: string, query: CredentialsQuery): Promise<CredentialsPage> {
  // Laurel's own, and imports the verifier read as OB 3.0 (its report keeps the format): the
  // count and the page come from the database, and only the page's payloads are read.
  const where = {
    userId,
    state: "accepted",
    OR: [{ credentialId: { not: null } }, { verification: { path: ["format"], string_starts_with: "ob3" } }],
    ...(query.since ? { updatedAt: { gte: new Date(query.since) } } : {}),
  } satisfies Prisma.BackpackEntryWhereInput;
  const [total, page] = await Promise.all([
    db.backpackEntry.count({ where }),
    db.backpackEntry.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      skip: query.offset,
      take: query.limit,
      select: { id: true, credentialId: true, importPayload: true },
    }),
  ]);
  const laurelIds = page.flatMap((entry) => (entry.credentialId ? [entry.credentialId] : []));
  const documents = new Map(
    (await db.credential.findMany({ where: { id: { in: laurelIds } }, select: { id: true, document: true } })).map((row) => [row.id, row.document]),
  );
  const result: CredentialsPage = { total, credential: [], compactJwsString: [] };
  for (const entry of page) {
    const item = entry.credentialId ? { credential: documents.get(entry.credentialId) as object } : entry.importPayload ? importedItem(entry.importPayload) : null;
    if (item && "credential" in item && item.credential) result.credential.push(item.credential);
    else if (item && "compactJwsString" in item) result.compactJwsString.push(item.compactJwsString);
  }
  return result;
}

/** RFC 8288 links to the first, previous, next and last pages, and the total in X-Total-Count. */
export function pagingHeaders(url: URL, query: CredentialsQuery, total: number): Record<string, string> {
  const link = (offset: number, rel: string) => {
    const target = new URL(url);
    target.searchParams.set("limit", String(query.limit));
    target.searchParams.set("offset", String(offset));
    return `<${target.toString()}>; rel="${rel}"`;
  };
  const lastOffset = Math.max(0, Math.floor((total - 1) / query.limit) * query.limit);
  const links = [link(0, "first")];
  if (query.offset > 0) links.push(link(Math.max(0, query.offset - query.limit), "prev"));
  if (query.offset + query.limit < total) links.push(link(query.offset + query.limit, "next"));
  links.push(link(lastOffset, "last"));
  return { "X-Total-Count": String(total), Link: links.join(", ") };
}

export type UpsertOutcome = { status: 200 | 201; body: string; contentType: string };

/**
 * upsertCredential: a credential from elsewhere into the learner's backpack, verified on the way
 * in like an import (nothing is kept that fails). The same credential again replaces the copy
 * (200); a new one is created (201). A Laurel credential addressed to the learner is accepted
 * into their backpack rather than copied.
 */
export async function upsertWalletCredential(userId: string, request: Request, options: Pick<ImportOptions, "allowOrigins" | "fetchOthers"> = {}): Promise<UpsertOutcome> {
  const contentType = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (contentType !== "application/json" && contentType !== "text/plain" && contentType !== "application/ld+json") {
    throw new AppError("validation_failed", "Send the credential as application/json, or a compact JWS as text/plain", { body: { code: "unsupported_media_type" } });
  }
  const text = (await readBodyWithLimit(request, MAX_IMPORT_TEXT_BYTES)).trim();
  if (contentType === "text/plain" ? !COMPACT_JWS.test(text) : !isObject(safeJson(text))) {
    throw new AppError("validation_failed", contentType === "text/plain" ? "The body must be a compact JWS" : "The body must be a JSON object", { body: { code: "invalid" } });
  }
  if (!importedItem(text)) {
    throw new AppError("validation_failed", "The body is not a Verifiable Credential (Open Badges 3.0)", { body: { code: "not_ob3" } });
  }
  let outcome;
  try {
    outcome = await importCredential(userId, { source: "paste", text }, { ...options, replaceDuplicate: true });
  } catch (error) {
    // A Laurel credential already in this backpack: nothing to replace, and nothing lost.
    if (error instanceof AppError && error.code === "conflict") return { status: 200, body: text, contentType };
    throw error;
  }
  if (outcome.status === "failed") {
    const failed = outcome.checks.filter((check) => !check.ok).map((check) => `${check.check}: ${check.code}`);
    throw new AppError("validation_failed", `The credential did not verify (${outcome.verdict})`, { body: { code: "not_verified", params: { checks: failed.join(", ") } } });
  }
  return { status: outcome.status === "replaced" ? 200 : 201, body: text, contentType };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
