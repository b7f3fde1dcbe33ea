/**
 * W3C Bitstring Status List v1.0.
 *
 * `encodedList` is multibase base64url ('u' prefix, no padding) of the GZIP-compressed
 * bitstring. Bit 0 is the left-most (most significant) bit of the first byte.
 */
import { gunzipSync, gzipSync } from "node:zlib";
import { ObInputError } from "./errors";

/** Spec minimum (16 KB uncompressed) so that one credential's index says little about its holder. */
export const STATUS_LIST_LENGTH = 131072;

/** Caps the inflated size so a tiny hostile list cannot exhaust memory (a gzip bomb). */
export const MAX_DECODED_STATUS_LIST_BYTES = 16 * 1024 * 1024;

export type StatusPurpose = "revocation" | "suspension";

const VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2";

/** A zeroed bitstring holding `length` entries (rounded up to whole bytes). */
export function createBitstring(length: number = STATUS_LIST_LENGTH): Uint8Array {
  if (!Number.isSafeInteger(length) || length <= 0) {
    throw new ObInputError("status_list_length_invalid", `A status list length must be a positive integer, got ${length}.`);
  }
  return new Uint8Array(Math.ceil(length / 8));
}

function checkIndex(bits: Uint8Array, index: number): void {
  if (!Number.isSafeInteger(index) || index < 0 || index >= bits.length * 8) {
    throw new ObInputError(
      "status_index_out_of_range",
      `Status list index ${index} is outside the list (0–${bits.length * 8 - 1}).`,
    );
  }
}

export function setStatusBit(bits: Uint8Array, index: number, value: boolean): void {
  checkIndex(bits, index);
  const mask = 0x80 >> (index & 7);
  if (value) bits[index >> 3] |= mask;
  else bits[index >> 3] &= ~mask;
}

/** Throws ObInputError("status_index_out_of_range") past the end (the spec's RANGE_ERROR). */
export function getStatusBit(bits: Uint8Array, index: number): boolean {
  checkIndex(bits, index);
  return (bits[index >> 3] & (0x80 >> (index & 7))) !== 0;
}

/** Encodes for publishing; refuses lists shorter than the spec minimum. */
export function encodeStatusList(bits: Uint8Array): string {
  if (bits.length * 8 < STATUS_LIST_LENGTH) {
    throw new ObInputError(
      "status_list_too_short",
      `A published status list needs at least ${STATUS_LIST_LENGTH} entries, got ${bits.length * 8}.`,
    );
  }
  return "u" + gzipSync(bits).toString("base64url");
}

const BASE64_TEXT = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * Decodes an `encodedList`. Accepts it with or without the multibase 'u' (older StatusList2021
 * samples omit it). Short lists are accepted here: the spec minimum binds issuers, and a
 * verifier checks the index against the decoded length instead.
 */
export function decodeStatusList(encodedList: string): Uint8Array {
  if (typeof encodedList !== "string" || encodedList.length === 0) {
    throw new ObInputError("status_list_invalid", "The status list's encodedList is missing or not a string.");
  }
  // gzip data always starts with "H4sI" in base64, so a leading 'u' can only be the multibase prefix.
  const text = encodedList.startsWith("u") ? encodedList.slice(1) : encodedList;
  if (!BASE64_TEXT.test(text)) {
    throw new ObInputError("status_list_invalid", "The status list's encodedList is not base64url text.");
  }
  const compressed = Buffer.from(text, "base64");
  if (compressed.length < 18 || compressed[0] !== 0x1f || compressed[1] !== 0x8b) {
    throw new ObInputError("status_list_invalid", "The status list's encodedList is not GZIP-compressed.");
  }
  let inflated: Buffer;
  try {
    inflated = gunzipSync(compressed, { maxOutputLength: MAX_DECODED_STATUS_LIST_BYTES });
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
      throw new ObInputError(
        "status_list_too_large",
        `The status list inflates to more than ${MAX_DECODED_STATUS_LIST_BYTES} bytes.`,
      );
    }
    throw new ObInputError("status_list_invalid", "The status list's GZIP data is corrupt.");
  }
  if (inflated.length === 0) {
    throw new ObInputError("status_list_invalid", "The status list is empty.");
  }
  return new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.length);
}

/** Drops milliseconds: a plain xsd:dateTime, like the JWT's whole-second nbf/exp. */
export function toXsdDateTime(date: Date): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new ObInputError("date_invalid", "Expected a valid date.");
  }
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** An unsigned BitstringStatusListCredential (VC Data Model 2.0), ready to be signed. */
export function buildStatusListCredential(input: {
  id: string;
  issuer: string | object;
  encodedList: string;
  statusPurpose?: StatusPurpose;
  validFrom: Date;
  validUntil?: Date;
}): object {
  return {
    "@context": [VC_V2_CONTEXT],
    id: input.id,
    type: ["VerifiableCredential", "BitstringStatusListCredential"],
    issuer: input.issuer,
    validFrom: toXsdDateTime(input.validFrom),
    ...(input.validUntil ? { validUntil: toXsdDateTime(input.validUntil) } : {}),
    credentialSubject: {
      id: `${input.id}#list`,
      type: "BitstringStatusList",
      statusPurpose: input.statusPurpose ?? "revocation",
      encodedList: input.encodedList,
    },
  };
}

/** The `credentialStatus` value pointing at one entry of a status list credential. */
export function statusListEntry(input: {
  statusListCredential: string;
  index: number;
  statusPurpose?: StatusPurpose;
}): object {
  if (!Number.isSafeInteger(input.index) || input.index < 0) {
    throw new ObInputError("status_index_out_of_range", `Status list index must be a non-negative integer, got ${input.index}.`);
  }
  return {
    id: `${input.statusListCredential}#${input.index}`,
    type: "BitstringStatusListEntry",
    statusPurpose: input.statusPurpose ?? "revocation",
    statusListIndex: String(input.index),
    statusListCredential: input.statusListCredential,
  };
}
