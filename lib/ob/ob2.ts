/**
 * Open Badges 2.0 hosted documents (Issuer, BadgeClass, Assertion, RevocationList) under
 * https://w3id.org/openbadges/v2, for the LMSs and backpacks that still only read 2.0.
 */
import { createHash } from "node:crypto";
import { ObInputError } from "./errors";
import { toXsdDateTime } from "./status-list";

export const OB2_CONTEXT = "https://w3id.org/openbadges/v2";

/** Copies only the keys whose value is set, so documents carry no `undefined`/empty fields. */
function compact<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && v !== "" && !(Array.isArray(v) && v.length === 0)),
  ) as Partial<T>;
}

export function buildOb2Issuer(input: {
  id: string;
  name: string;
  url: string;
  email?: string;
  image?: string;
  description?: string;
  revocationList?: string;
}): object {
  return {
    "@context": OB2_CONTEXT,
    type: "Issuer",
    ...compact({
      id: input.id,
      name: input.name,
      url: input.url,
      email: input.email,
      image: input.image,
      description: input.description,
      revocationList: input.revocationList,
    }),
  };
}

export type Ob2Alignment = {
  targetName: string;
  targetUrl: string;
  targetFramework?: string;
  targetCode?: string;
  targetDescription?: string;
};

export function buildOb2BadgeClass(input: {
  id: string;
  name: string;
  description: string;
  image: string;
  criteria: { id?: string; narrative?: string };
  issuer: string;
  tags?: string[];
  alignment?: Ob2Alignment[];
}): object {
  const { id: criteriaId, narrative } = input.criteria;
  if (!criteriaId && !narrative) {
    throw new ObInputError("ob2_criteria_missing", "An OB 2.0 badge class needs a criteria URL or narrative.");
  }
  return {
    "@context": OB2_CONTEXT,
    type: "BadgeClass",
    ...compact({
      id: input.id,
      name: input.name,
      description: input.description,
      image: input.image,
      // A bare criteria page is an IRI, as in the 1EdTech samples.
      criteria: narrative ? compact({ id: criteriaId, narrative }) : criteriaId,
      issuer: input.issuer,
      tags: input.tags,
      alignment: input.alignment?.map((a) =>
        compact({
          targetName: a.targetName,
          targetUrl: a.targetUrl,
          targetDescription: a.targetDescription,
          targetFramework: a.targetFramework,
          targetCode: a.targetCode,
        }),
      ),
    }),
  };
}

export function buildOb2Assertion(input: {
  id: string;
  badge: string;
  recipient: { identity: string; salt: string; hashed?: true; type?: "email" };
  issuedOn: Date;
  expires?: Date;
  evidence?: Array<{ id?: string; narrative?: string }>;
  narrative?: string;
  image?: string;
}): object {
  if (!/^sha256\$[0-9a-f]{64}$/.test(input.recipient.identity)) {
    throw new ObInputError("ob2_identity_not_hashed", "An OB 2.0 recipient identity must be a sha256$ hash, never a plain email.");
  }
  const evidence = (input.evidence ?? [])
    .filter((e) => e.id || e.narrative)
    .map((e) => (e.narrative ? compact({ id: e.id, narrative: e.narrative }) : e.id));
  return {
    "@context": OB2_CONTEXT,
    type: "Assertion",
    id: input.id,
    recipient: {
      type: input.recipient.type ?? "email",
      hashed: true,
      salt: input.recipient.salt,
      identity: input.recipient.identity,
    },
    badge: input.badge,
    // Hosted: verifiers fetch `id`, which lives on the issuer's own origin (the default policy).
    verification: { type: "hosted" },
    issuedOn: toXsdDateTime(input.issuedOn),
    ...compact({
      expires: input.expires ? toXsdDateTime(input.expires) : undefined,
      image: input.image,
      narrative: input.narrative,
      evidence,
    }),
  };
}

/** Revoked assertion ids only; reasons stay private. A revoked assertion itself answers 410. */
export function buildOb2RevocationList(input: {
  id: string;
  issuer: string;
  revokedAssertions: Array<{ id: string }>;
}): object {
  return {
    "@context": OB2_CONTEXT,
    type: "RevocationList",
    id: input.id,
    issuer: input.issuer,
    revokedAssertions: input.revokedAssertions.map(({ id }) => ({ id })),
  };
}

/** Whether an assertion is listed in an OB 2.0 RevocationList (entries may be ids or objects). */
export function isRevokedInOb2List(list: unknown, assertionId: string): boolean {
  const entries = (list as { revokedAssertions?: unknown } | null)?.revokedAssertions;
  if (typeof list !== "object" || list === null || !Array.isArray(entries)) {
    throw new ObInputError("revocation_list_invalid", "The OB 2.0 revocation list has no revokedAssertions array.");
  }
  return entries.some((entry) =>
    typeof entry === "string" ? entry === assertionId : (entry as { id?: unknown } | null)?.id === assertionId,
  );
}

/**
 * "sha256$" + hex(sha256(email + salt)), as OB 2.0 defines. The email is trimmed and
 * lowercased first, as backpacks do before comparing, so case never hides a match.
 */
export function hashOb2Identity(email: string, salt: string): string {
  const normalized = email.trim().toLowerCase();
  return "sha256$" + createHash("sha256").update(normalized + salt, "utf8").digest("hex");
}
