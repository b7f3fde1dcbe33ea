/**
 * The 1EdTech Revocation List Status Method (`1EdTechRevocationList`, OB 3.0 extensions
 * context). A credential's `credentialStatus` points at a plain JSON list of revoked credential
 * ids; a credential is revoked when its id is listed and `revoked` is true or omitted.
 */
import { ObInputError } from "./errors";

export const REVOCATION_LIST_STATUS_TYPE = "1EdTechRevocationList";

/** The `credentialStatus` value (its term comes from the OB 3.0 extensions context). */
export function revocationListEntry(input: { listUrl: string }): object {
  return { id: input.listUrl, type: REVOCATION_LIST_STATUS_TYPE };
}

/** The published list. Revocation reasons are deliberately left out: Laurel keeps them private. */
export function buildRevocationList(input: {
  id: string;
  issuer: string;
  revokedCredentials: Array<{ id: string }>;
}): object {
  return {
    id: input.id,
    issuer: input.issuer,
    revokedCredentials: input.revokedCredentials.map(({ id }) => ({ id, revoked: true })),
  };
}

/**
 * Whether `credentialId` is revoked in a fetched list. Throws ObInputError
 * ("revocation_list_invalid") when the list is not one, so "unreadable" never reads as "valid".
 */
export function isRevokedIn(list: unknown, credentialId: string): boolean {
  const entries = (list as { revokedCredentials?: unknown } | null)?.revokedCredentials;
  if (typeof list !== "object" || list === null || !Array.isArray(entries)) {
    throw new ObInputError("revocation_list_invalid", "The revocation list has no revokedCredentials array.");
  }
  return entries.some((entry) => {
    if (typeof entry === "string") return entry === credentialId;
    if (typeof entry !== "object" || entry === null) return false;
    const { id, revoked } = entry as { id?: unknown; revoked?: unknown };
    return id === credentialId && revoked !== false && revoked !== "false";
  });
}
