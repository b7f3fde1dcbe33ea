import "server-only";
import { db } from "@/lib/db";
import type { Check, VerificationResult } from "@/lib/ob/verify";
import { loadBackpackItems, type BackpackItem } from "./backpack-items";
import { verifyIssuedCredential } from "./verify";

export type Alignment = { targetName: string; targetUrl: string | null; targetFramework: string | null; targetCode: string | null };
export type Evidence = { name: string | null; description: string | null; narrative: string | null; url: string | null };

export type EntryDetail = BackpackItem & {
  description: string | null;
  criteria: { narrative: string | null; url: string | null };
  alignments: Alignment[];
  evidence: Evidence[];
  issuerLogo: string | null;
  issuerColor: string | null;
  issuerUrl: string | null;
  recipientName: string | null;
  hasCertificate: boolean;
  importFormat: string | null;
  importUrl: string | null;
  verification: { valid: boolean; verdict: VerificationResult["verdict"]; checks: Check[]; error: { code: string; message: string } | null; checkedAt: "now" | "import" } | null;
  collections: { id: string; name: string; contains: boolean }[];
};

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown): string | null => (typeof value === "string" && value.trim() ? value : null);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);

/** Only http(s) URLs become links (a credential from elsewhere may carry anything). */
export function safeHttpUrl(value: unknown): string | null {
  if (typeof value !== "string") return null;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.toString() : null;
  } catch {
    return null;
  }
}

function alignmentsFrom(value: unknown): Alignment[] {
  return list(value)
    .filter(isObject)
    .map((a) => ({
      targetName: text(a.targetName) ?? text(a.targetUrl) ?? "",
      targetUrl: safeHttpUrl(a.targetUrl),
      targetFramework: text(a.targetFramework),
      targetCode: text(a.targetCode),
    }))
    .filter((a) => a.targetName);
}

function evidenceFrom(value: unknown): Evidence[] {
  return list(value)
    .map((e) => (typeof e === "string" ? { id: e } : e))
    .filter(isObject)
    .map((e) => ({ name: text(e.name), description: text(e.description), narrative: text(e.narrative), url: safeHttpUrl(e.id) }))
    .filter((e) => e.name || e.description || e.narrative || e.url);
}

function checksFrom(report: unknown): EntryDetail["verification"] {
  if (!isObject(report)) return null;
  const checks = list(report.checks)
    .filter(isObject)
    .filter((c) => typeof c.check === "string" && typeof c.ok === "boolean")
    // Reports stored before checks had a state say only ok or not.
    .map(
      (c) =>
        ({
          check: c.check,
          ok: c.ok,
          state: c.state ?? (c.ok ? "passed" : "failed"),
          code: String(c.code ?? ""),
          message: String(c.message ?? ""),
          ...(typeof c.detail === "string" && { detail: c.detail }),
          ...(Array.isArray(c.warnings) && { warnings: c.warnings.filter(isObject).map((w) => ({ code: String(w.code ?? ""), message: String(w.message ?? "") })) }),
        }) as Check,
    );
  const error = isObject(report.error) ? { code: String(report.error.code ?? ""), message: text(report.error.message) ?? "" } : null;
  const valid = report.valid === true;
  const verdict = typeof report.verdict === "string" ? (report.verdict as VerificationResult["verdict"]) : valid ? "valid" : "invalid";
  return { valid, verdict, checks, error, checkedAt: "import" };
}

function fromResult(result: VerificationResult | null): EntryDetail["verification"] {
  if (!result) return null;
  return { valid: result.valid, verdict: result.verdict, checks: result.checks, error: result.error ?? null, checkedAt: "now" };
}

/**
 * One entry of this person's backpack with everything the detail page shows. A Laurel credential
 * is verified afresh (proof, schema, dates, status, issuer); an import shows the report stored
 * when it came in. Null for an entry that is not theirs.
 */
export async function entryDetail(userId: string, entryId: string): Promise<EntryDetail | null> {
  const [item] = await loadBackpackItems(userId, { id: entryId });
  if (!item) return null;
  const [entry, collections] = await Promise.all([
    db.backpackEntry.findUniqueOrThrow({
      where: { id: item.id },
      select: {
        description: true,
        criteria: true,
        alignments: true,
        evidence: true,
        issuerUrl: true,
        importFormat: true,
        importUrl: true,
        verification: true,
        credential: {
          select: {
            document: true,
            recipientName: true,
            achievement: { select: { description: true, criteriaNarrative: true, criteriaUrl: true, alignments: true, certificate: true } },
            organization: { select: { logo: true, primaryColor: true, website: true } },
          },
        },
      },
    }),
    db.collection.findMany({
      where: { userId },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: { id: true, name: true, items: { where: { entryId: item.id }, select: { entryId: true } } },
    }),
  ]);
  const common = { collections: collections.map((c) => ({ id: c.id, name: c.name, contains: c.items.length > 0 })) };

  const credential = entry.credential;
  if (credential && item.credentialId) {
    // What was issued is in the signed document; the achievement row is only a fallback.
    const document = isObject(credential.document) ? credential.document : {};
    const subject = isObject(document.credentialSubject) ? document.credentialSubject : {};
    const achievement = isObject(subject.achievement) ? subject.achievement : {};
    const criteria = isObject(achievement.criteria) ? achievement.criteria : {};
    return {
      ...item,
      ...common,
      description: text(achievement.description) ?? credential.achievement.description,
      criteria: {
        narrative: text(criteria.narrative) ?? credential.achievement.criteriaNarrative,
        url: safeHttpUrl(criteria.id) ?? safeHttpUrl(credential.achievement.criteriaUrl),
      },
      alignments: alignmentsFrom(achievement.alignment ?? credential.achievement.alignments),
      evidence: evidenceFrom(document.evidence),
      issuerLogo: credential.organization.logo,
      issuerColor: credential.organization.primaryColor,
      issuerUrl: safeHttpUrl(credential.organization.website),
      recipientName: credential.recipientName,
      hasCertificate: credential.achievement.certificate !== null,
      importFormat: null,
      importUrl: null,
      verification: fromResult(await verifyIssuedCredential(item.credentialId)),
    };
  }
  return {
    ...item,
    ...common,
    description: entry.description,
    criteria: { narrative: entry.criteria, url: null },
    alignments: alignmentsFrom(entry.alignments),
    evidence: evidenceFrom(entry.evidence),
    issuerLogo: null,
    issuerColor: null,
    issuerUrl: safeHttpUrl(entry.issuerUrl),
    recipientName: null,
    hasCertificate: false,
    importFormat: entry.importFormat,
    importUrl: safeHttpUrl(entry.importUrl),
    verification: checksFrom(entry.verification),
  };
}

/** An imported entry's badge image (a data URL stored at import), for its owner only. */
export async function importedImage(userId: string, entryId: string): Promise<{ type: string; bytes: Buffer } | null> {
  const entry = await db.backpackEntry.findFirst({ where: { id: entryId, userId, credentialId: null }, select: { image: true } });
  const match = entry?.image?.match(/^data:(image\/(?:png|jpeg|gif|webp|svg\+xml));base64,([A-Za-z0-9+/=]+)$/);
  if (!match) return null;
  return { type: match[1], bytes: Buffer.from(match[2], "base64") };
}
