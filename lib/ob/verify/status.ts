// Has the issuer revoked or suspended it? BitstringStatusListEntry (W3C) and 1EdTechRevocationList.
import type { LocalKey } from "../document-loader";
import { isRevokedIn } from "../revocation-list";
import { decodeStatusList, getStatusBit } from "../status-list";
import { checkCredentialDates } from "./dates";
import { verifyJsonLdProofs } from "./jsonld-proof";
import { describeFetchError, type Remote } from "./remote";
import { asArray, cannotCheck, errorMessage, fail, idOf, isObject, pass, type Check, type Json } from "./result";

const BITSTRING_ENTRY_TYPES = ["BitstringStatusListEntry", "StatusList2021Entry"];
const BITSTRING_LIST_TYPES = ["BitstringStatusListCredential", "StatusList2021Credential"];
const REVOCATION_LIST_TYPE = "1EdTechRevocationList";

type Context = {
  remote: Remote;
  keys?: LocalKey[];
  now: Date;
  credential: Json;
  /** One proof check per list, however many entries point at it. */
  listProofs?: Map<string, Promise<Check>>;
};

// Real credentials carry one or two entries; each may cost a fetch and a proof check.
const MAX_STATUS_ENTRIES = 8;

// Worst first: a revocation outweighs a broken list, which outweighs a list we could not
// fetch, which outweighs a clean answer.
const SEVERITY: Record<string, number> = { revoked: 5, suspended: 4 };
const severity = (check: Check) => (check.state === "passed" ? 0 : check.state === "unknown" ? 1 : (SEVERITY[check.code] ?? 3));

async function checkBitstringEntry(entry: Json, ctx: Context): Promise<Check> {
  const listUrl = typeof entry.statusListCredential === "string" ? entry.statusListCredential : undefined;
  if (!listUrl) return fail("status", "status_invalid", "The status entry does not say where its status list is (statusListCredential).");
  const index = typeof entry.statusListIndex === "number" ? entry.statusListIndex : Number.parseInt(String(entry.statusListIndex ?? ""), 10);
  if (!Number.isSafeInteger(index) || index < 0 || String(index) !== String(entry.statusListIndex).trim()) {
    return fail("status", "status_invalid", `The status entry's statusListIndex (${String(entry.statusListIndex)}) is not a non-negative integer.`);
  }
  const purpose = typeof entry.statusPurpose === "string" ? entry.statusPurpose : "revocation";
  if (entry.statusSize !== undefined && Number(entry.statusSize) !== 1) {
    return cannotCheck("status", "status_unsupported", `Multi-bit status entries (statusSize ${String(entry.statusSize)}) are not supported.`);
  }

  const fetched = await fetchList(listUrl, "status list", ctx);
  if ("check" in fetched) return fetched.check;
  const { list } = fetched;
  if (!isObject(list) || !asArray(list.type).some((t) => BITSTRING_LIST_TYPES.includes(t as string)) || !isObject(list.credentialSubject)) {
    return fail("status", "status_invalid", `The document at ${listUrl} is not a status list credential.`);
  }

  // The list is a credential itself: an unsigned or forged list must not vouch for anything.
  const listProofs = ctx.listProofs ?? new Map<string, Promise<Check>>();
  let pending = listProofs.get(listUrl);
  if (!pending) {
    pending = verifyJsonLdProofs(list, { remote: ctx.remote, keys: ctx.keys }).then((outcome) => outcome.check);
    listProofs.set(listUrl, pending);
  }
  const listProof = await pending;
  if (!listProof.ok) return fail("status", "status_invalid", `The status list's own proof did not verify: ${listProof.message}`);
  const listIssuer = idOf(list.issuer);
  const credentialIssuer = idOf(ctx.credential.issuer);
  if (listIssuer && credentialIssuer && listIssuer !== credentialIssuer) {
    return fail("status", "status_invalid", `The status list was issued by ${listIssuer}, not by the credential's issuer ${credentialIssuer}.`);
  }
  const listDates = checkCredentialDates(list, ctx.now);
  if (!listDates.ok) return fail("status", "status_invalid", `The status list itself is not current: ${listDates.message}`);

  const subject = list.credentialSubject as Json;
  const listPurposes = asArray(subject.statusPurpose);
  if (listPurposes.length > 0 && !listPurposes.includes(purpose)) {
    return fail("status", "status_invalid", `The status list is for ${listPurposes.join(", ")}, but the entry asks about ${purpose}.`);
  }
  let set: boolean;
  try {
    set = getStatusBit(decodeStatusList(subject.encodedList as string), index);
  } catch (error) {
    return fail("status", "status_invalid", `The status list could not be read: ${errorMessage(error)}`);
  }
  if (!set) return pass("status", "active", `Not ${purpose === "suspension" ? "suspended" : "revoked"}: the issuer's status list was checked.`);
  if (purpose === "revocation") return fail("status", "revoked", "The issuer has revoked this credential.");
  if (purpose === "suspension") return fail("status", "suspended", "The issuer has suspended this credential.");
  return cannotCheck("status", "status_unsupported", `The status list flags this credential for "${purpose}", a purpose this verifier does not interpret.`);
}

/** Fetches a status or revocation list; an unreachable one means status could not be checked. */
async function fetchList(listUrl: string, what: string, ctx: Context): Promise<{ list: unknown } | { check: Check }> {
  try {
    return { list: await ctx.remote.json(listUrl) };
  } catch (error) {
    return {
      check: cannotCheck(
        "status",
        "status_unavailable",
        `The ${what} at ${listUrl} could not be fetched (${describeFetchError(listUrl, error)}), so revocation could not be checked.`,
      ),
    };
  }
}

async function checkRevocationList(entry: Json, ctx: Context): Promise<Check> {
  const listUrl = typeof entry.id === "string" ? entry.id : undefined;
  const credentialId = typeof ctx.credential.id === "string" ? ctx.credential.id : undefined;
  if (!listUrl) return fail("status", "status_invalid", "The 1EdTechRevocationList entry has no id (the list's URL).");
  if (!credentialId) return fail("status", "status_invalid", "The credential has no id to look up in its revocation list.");
  const fetched = await fetchList(listUrl, "revocation list", ctx);
  if ("check" in fetched) return fetched.check;
  const { list } = fetched;
  try {
    if (isRevokedIn(list, credentialId)) return fail("status", "revoked", "The issuer has revoked this credential.");
  } catch (error) {
    return fail("status", "status_invalid", `The revocation list could not be read: ${errorMessage(error)}`);
  }
  return pass("status", "active", "Not revoked: the issuer's revocation list was checked.");
}

export async function checkCredentialStatus(credential: Json, options: Omit<Context, "credential" | "listProofs">): Promise<Check> {
  const entries = asArray(credential.credentialStatus);
  if (entries.length === 0) return pass("status", "no_status", "The credential names no status list: its issuer publishes no revocation status for it.");
  if (entries.length > MAX_STATUS_ENTRIES) {
    return fail("status", "status_invalid", `The credential has ${entries.length} status entries; more than ${MAX_STATUS_ENTRIES} are not checked.`);
  }
  const ctx: Context = { ...options, credential, listProofs: new Map() };
  const checks = await Promise.all(
    entries.map(async (entry): Promise<Check> => {
      if (!isObject(entry)) return fail("status", "status_invalid", "A credentialStatus entry is not an object.");
      const types = asArray(entry.type);
      if (types.some((t) => BITSTRING_ENTRY_TYPES.includes(t as string))) return checkBitstringEntry(entry, ctx);
      if (types.includes(REVOCATION_LIST_TYPE)) return checkRevocationList(entry, ctx);
      return cannotCheck("status", "status_unsupported", `The status method ${types.join(", ") || "(no type)"} is not supported, so revocation could not be checked.`);
    }),
  );
  return checks.reduce((worst, check) => (severity(check) > severity(worst) ? check : worst));
}
