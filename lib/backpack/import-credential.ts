import "server-only";
import { db } from "@/lib/db";
import { AppError, fieldError } from "@/lib/errors";
import { checkImage, toDataUrl } from "@/lib/images/intake";
import { log } from "@/lib/log";
import { unbakePng, unbakeSvg } from "@/lib/ob/bake";
import { verifyCredential, type Check, type CredentialFormat, type VerificationResult } from "@/lib/ob/verify";
import { isObInputError } from "@/lib/ob/errors";
import type { RemoteDocumentFetcher } from "@/lib/ob/verify/remote";
import { isObject, type Json } from "@/lib/ob/verify/result";
import { acceptCredential } from "./claim-credential";
import { ob2Display, ob3Display, safeImage, type ImportedDisplay } from "./imported-display";
import { verifiedAddresses } from "./sync-entries";
import { laurelCredentialId, laurelFetcher } from "./verify";

export const MAX_IMPORT_UPLOAD_BYTES = 2 * 1024 * 1024;
export const MAX_IMPORT_TEXT_BYTES = 512 * 1024;
const MAX_URL_LENGTH = 2048;

export type ImportInput =
  | { source: "upload"; bytes: Uint8Array }
  | { source: "paste"; text: string }
  | { source: "url"; url: string };

/** The form field each source's errors belong to. */
export const IMPORT_FIELD = { upload: "file", paste: "text", url: "url" } as const;

export type ImportOptions = {
  /** The learner insists on keeping a credential that failed verification (marked unverified). */
  keepUnverified?: boolean;
  /** Origins the safe fetcher may reach although local (tests' loopback servers, a dev server). */
  allowOrigins?: string[];
  /** Fetches documents that are not Laurel's (tests serve fixture documents this way). */
  fetchOthers?: RemoteDocumentFetcher;
  now?: Date;
  /**
   * The same credential already imported is replaced by this copy (the Open Badges API's
   * upsert) instead of refused as a duplicate.
   */
  replaceDuplicate?: boolean;
};

export type ImportOutcome =
  /** A new backpack entry (verified, or unverified because the learner insisted). */
  | { status: "imported"; entryId: string; verified: boolean; name: string; format: CredentialFormat; checks: Check[] }
  /** The same credential was imported before; this copy replaced it (with `replaceDuplicate`). */
  | { status: "replaced"; entryId: string; name: string; format: CredentialFormat; checks: Check[] }
  /** A credential Laurel issued to this learner: accepted into the backpack rather than copied. */
  | { status: "claimed"; entryId: string }
  /**
   * Not verified: nothing saved. `verdict` says whether a check failed ("invalid") or something
   * could not be checked ("indeterminate": try again later); either way the learner may keep it
   * as unverified.
   */
  | { status: "failed"; verdict: "invalid" | "indeterminate"; format: CredentialFormat; checks: Check[] };

type Prepared = {
  /** What the verifier gets. */
  input: string | Uint8Array;
  importFormat: "png" | "svg" | "json" | "jwt" | "url";
  importUrl: string | null;
  /** The credential's own text (JSON or JWT) when we hold it, before verification. */
  payload: string | null;
  /** The uploaded baked image itself, as a data URL. */
  image: string | null;
};

const utf8Length = (text: string) => Buffer.byteLength(text, "utf8");

function prepare(input: ImportInput): Prepared {
  const field = IMPORT_FIELD[input.source];
  if (input.source === "upload") {
    // The image intake first: type, size, pixel budget, PNG structure, the SVG policy.
    const image = checkImage(input.bytes, {
      field,
      accept: ["png", "svg"],
      maxBytes: MAX_IMPORT_UPLOAD_BYTES,
      codes: { type: "import_image_type", invalid: "image_invalid", tooLarge: { code: "file_too_large", params: { maxKb: MAX_IMPORT_UPLOAD_BYTES / 1024 } } },
    });
    let baked;
    try {
      baked = image.kind === "png" ? unbakePng(image.bytes) : unbakeSvg(image.svg!);
    } catch (error) {
      if (!isObInputError(error)) throw error;
      throw fieldError(field, error.code === "svg_unsafe" ? "svg_unsafe" : "image_invalid");
    }
    if (!baked) throw fieldError(field, "import_not_baked");
    if (image.kind === "png") {
      return { input: image.bytes, importFormat: "png", importUrl: null, payload: baked.payload.trim(), image: toDataUrl(image) };
    }
    return { input: image.svg!, importFormat: "svg", importUrl: null, payload: baked.payload.trim(), image: safeImage(toDataUrl(image)) };
  }
  if (input.source === "paste") {
    const text = input.text.replace(/^\uFEFF/, "").trim();
    if (!text) throw fieldError(field, "required");
    if (utf8Length(text) > MAX_IMPORT_TEXT_BYTES) throw fieldError(field, "import_text_too_large", { maxKb: MAX_IMPORT_TEXT_BYTES / 1024 });
    if (/^https?:\/\/\S+$/i.test(text)) return prepare({ source: "url", url: text });
    if (text.startsWith("{")) return { input: text, importFormat: "json", importUrl: null, payload: text, image: null };
    if (/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(text)) return { input: text, importFormat: "jwt", importUrl: null, payload: text, image: null };
    throw fieldError(field, "import_text_unrecognized");
  }
  const url = input.url.trim();
  if (!url) throw fieldError("url", "required");
  if (url.length > MAX_URL_LENGTH) throw fieldError("url", "too_long", { max: MAX_URL_LENGTH });
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw fieldError("url", "import_url_invalid");
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw fieldError("url", "import_url_invalid");
  return { input: parsed.toString(), importFormat: "url", importUrl: parsed.toString(), payload: null, image: null };
}

function decodeJwtPayload(token: string): Json | null {
  try {
    const value = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8"));
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * The identity of a credential as stored: its id (OB 3.0 `id`, the JWT's `vc.id` or `jti`, the
 * OB 2.0 assertion id), or failing that the payload itself. The same function reads new and
 * stored payloads, so "already in your backpack" compares like with like.
 */
export function importedCredentialKey(payload: string): string {
  const text = payload.trim();
  let credential: Json | null = null;
  if (text.startsWith("{")) {
    try {
      const parsed = JSON.parse(text);
      credential = isObject(parsed) ? parsed : null;
    } catch {
      credential = null;
    }
  } else {
    const claims = decodeJwtPayload(text);
    if (claims) {
      credential = isObject(claims.vc) ? { ...claims.vc } : { ...claims };
      if (credential.id === undefined && typeof claims.jti === "string") credential.id = claims.jti;
      if (credential.issuer === undefined && typeof claims.iss === "string") credential.issuer = claims.iss;
    }
  }
  if (credential && typeof credential.id === "string") {
    // Ids are the issuer's to choose (the spec's examples all reuse one): the issuer tells them apart.
    const issuer = credential.issuer;
    const issuerId = typeof issuer === "string" ? issuer : isObject(issuer) && typeof issuer.id === "string" ? issuer.id : "";
    return `id:${issuerId} ${credential.id}`;
  }
  return `payload:${text}`;
}

/** The text to keep for a verified input: what was handed in when it was JSON or a JWT, else the credential read from it. */
function storedPayload(prepared: Prepared, result: VerificationResult): string {
  const own = prepared.payload;
  if (own && (own.startsWith("{") || /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(own))) return own;
  return JSON.stringify(result.credential ?? {});
}

async function fetchJsonOrNull(fetcher: RemoteDocumentFetcher, reference: unknown): Promise<Json | null> {
  if (isObject(reference)) return reference;
  if (typeof reference !== "string") return null;
  try {
    let value = await fetcher(reference);
    if (value instanceof Uint8Array) value = new TextDecoder().decode(value);
    if (typeof value === "string") value = JSON.parse(value);
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

async function displayOf(result: VerificationResult, fetcher: RemoteDocumentFetcher): Promise<ImportedDisplay> {
  const credential = result.credential ?? {};
  if (result.format === "ob2-hosted" || result.format === "ob2-signed") {
    const badge = await fetchJsonOrNull(fetcher, credential.badge);
    const issuer = badge ? await fetchJsonOrNull(fetcher, badge.issuer) : null;
    return ob2Display(credential, badge, issuer);
  }
  return ob3Display(credential);
}

/** A credential Laurel issued: accepted into the learner's backpack when it is theirs, never copied. */
async function claimLaurelCredential(userId: string, credentialId: string, field: string): Promise<ImportOutcome> {
  const credential = await db.credential.findUnique({
    where: { id: credentialId },
    select: { id: true, recipientEmail: true, revokedAt: true, backpackEntry: { select: { id: true, userId: true, state: true, visibility: true } } },
  });
  if (!credential) throw fieldError(field, "import_laurel_unknown");
  const entry = credential.backpackEntry;
  const addresses = await verifiedAddresses(userId);
  const addressedToThem = addresses.includes(credential.recipientEmail.toLowerCase());
  // A private credential does not exist for anyone else: the same answer as a link to nothing.
  if (entry?.visibility === "private" && entry.userId !== userId && !addressedToThem) throw fieldError(field, "import_laurel_unknown");
  if ((entry && entry.userId !== userId) || !addressedToThem) {
    throw fieldError(field, "import_laurel_not_yours");
  }
  if (entry?.state === "accepted") {
    throw new AppError("conflict", "This credential is already in your backpack", { [field]: { code: "import_duplicate" } }, { entryId: entry.id });
  }
  if (credential.revokedAt) throw fieldError(field, "import_revoked");
  const { entryId } = await acceptCredential(userId, credential.id);
  return { status: "claimed", entryId };
}

/**
 * Imports a badge earned elsewhere into the learner's backpack: reads it (baked image, JSON,
 * JWT or URL), verifies it with the engine, and keeps it private until the learner shares it.
 * A failed verification saves nothing unless the learner insists (then it is marked unverified).
 */
export async function importCredential(userId: string, input: ImportInput, options: ImportOptions = {}): Promise<ImportOutcome> {
  const field = IMPORT_FIELD[input.source];
  const prepared = prepare(input);

  // A link to a Laurel credential is Laurel's own: no need to fetch ourselves over HTTP.
  const linked = prepared.importUrl ? laurelCredentialId(prepared.importUrl) : null;
  if (linked) return claimLaurelCredential(userId, linked, field);

  const fetcher = laurelFetcher({ allowOrigins: options.allowOrigins, others: options.fetchOthers });
  const result = await verifyCredential(prepared.input, { fetchRemote: fetcher, allowOrigins: options.allowOrigins, now: options.now });
  if (result.error || !result.credential) {
    throw new AppError("validation_failed", `Not importable: ${result.error?.message ?? "unreadable"}`, {
      [field]: { code: "import_unreadable", params: { reason: result.error?.message ?? "", reasonCode: result.error?.code ?? "other" } },
    });
  }

  const credential = result.credential;
  const ownId = typeof credential.id === "string" ? laurelCredentialId(credential.id) : null;
  if (ownId) return claimLaurelCredential(userId, ownId, field);

  if (!result.valid && !options.keepUnverified) {
    const verdict = result.verdict === "indeterminate" ? "indeterminate" : "invalid";
    return { status: "failed", verdict, format: result.format, checks: result.checks };
  }

  const payload = storedPayload(prepared, result);
  const key = importedCredentialKey(payload);
  const existing = await db.backpackEntry.findMany({
    where: { userId, credentialId: null, importPayload: { not: null } },
    select: { id: true, importPayload: true },
  });
  const duplicate = existing.find((entry) => entry.importPayload && importedCredentialKey(entry.importPayload) === key);
  if (duplicate && !options.replaceDuplicate) {
    throw new AppError("conflict", "This credential is already in your backpack", { [field]: { code: "import_duplicate" } }, { entryId: duplicate.id });
  }

  const display = await displayOf(result, fetcher);
  const fields = {
    verified: result.valid,
    importFormat: prepared.importFormat,
    importUrl: prepared.importUrl,
    importPayload: payload,
    // The engine's report at import time: valid, format and each check with its message.
    verification: { valid: result.valid, verdict: result.verdict, format: result.format, checks: result.checks, checkedAt: new Date().toISOString() },
    name: display.name,
    description: display.description,
    issuerName: display.issuerName,
    issuerUrl: display.issuerUrl,
    // The uploaded baked image itself, else the credential's own image (data URL or https).
    image: prepared.image ?? display.image,
    criteria: display.criteria,
    skills: display.skills,
    alignments: display.alignments,
    evidence: display.evidence,
    issuedOn: display.issuedOn,
    expiresAt: display.expiresAt,
  };
  if (duplicate) {
    await db.backpackEntry.update({ where: { id: duplicate.id }, data: fields });
    log.info({ userId, entryId: duplicate.id, format: result.format }, "imported credential replaced");
    return { status: "replaced", entryId: duplicate.id, name: display.name, format: result.format, checks: result.checks };
  }
  const entry = await db.backpackEntry.create({
    data: { userId, credentialId: null, state: "accepted", acceptedAt: new Date(), visibility: "private", ...fields },
    select: { id: true },
  });
  log.info({ userId, entryId: entry.id, format: result.format, verified: result.valid }, "credential imported");
  return { status: "imported", entryId: entry.id, verified: result.valid, name: display.name, format: result.format, checks: result.checks };
}
