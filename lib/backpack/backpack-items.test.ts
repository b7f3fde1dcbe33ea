import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { revokeCredential } from "@/lib/issuing/revoke-credential";
import { canViewCredential } from "./access";
import { createIssuer, createLearner, issueTo } from "./backpack-fixtures";
import { listBackpack } from "./backpack-items";
import { acceptCredential } from "./claim-credential";
import { entryDetail } from "./entry-detail";
import { parseBackpackQuery } from "./schemas";
import { syncBackpackEntries } from "./sync-entries";
import { setEntryVisibility } from "./update-entry";

const DAY = 24 * 60 * 60 * 1000;
const names = (items: { name: string }[]) => items.map((item) => item.name);

async function stockedBackpack() {
  const { user } = await createLearner();
  const now = Date.now();
  const alpha = await createIssuer("Alpha Institute", { name: "Cloud Basics", tags: ["cloud"] });
  const beta = await createIssuer("Beta College", { name: "Advanced Welding", tags: ["welding", "safety"] });
  const old = await issueTo(alpha.org.id, alpha.achievement.id, user.email, { validFrom: new Date("2023-03-10T12:00:00Z") });
  const expiring = await issueTo(beta.org.id, beta.achievement.id, user.email, { validFrom: new Date(now - 10 * DAY), validUntil: new Date(now + 10 * DAY) });
  const expired = await issueTo(beta.org.id, beta.achievement.id, user.email, { validFrom: new Date(now - 100 * DAY), validUntil: new Date(now - DAY) });
  const revoked = await issueTo(alpha.org.id, alpha.achievement.id, user.email, { validFrom: new Date(now - 5 * DAY) });
  await revokeCredential(alpha.org.id, revoked.id, "Issued by mistake");
  await syncBackpackEntries(user.id);
  for (const id of [old.id, expiring.id, expired.id]) await acceptCredential(user.id, id);
  // An import another part of the backpack stored: no credential, its own display fields.
  const imported = await db.backpackEntry.create({
    data: {
      userId: user.id,
      state: "accepted",
      visibility: "private",
      importFormat: "json",
      verified: false,
      name: "Zoology Field Work",
      issuerName: "Elsewhere University",
      skills: ["Fieldwork"],
      issuedOn: new Date("2024-06-01T00:00:00Z"),
      verification: { valid: false, checks: [{ check: "proof", ok: false, code: "proof_invalid", message: "The signature does not match." }] },
    },
  });
  return { user, alpha, beta, old, expiring, expired, revoked, imported };
}

describe("the backpack listing", () => {
  it("shows status, issuer and source for Laurel credentials and imports alike, pending first", async () => {
    const { user, revoked } = await stockedBackpack();
    const { items, issuers, skills, activeCount } = await listBackpack(user.id, parseBackpackQuery({}));
    expect(activeCount).toBe(5);
    // The revoked one was never accepted: pending, on top; then newest first.
    expect(items.map((item) => [item.name, item.status, item.state, item.source])).toEqual([
      ["Cloud Basics", "revoked", "pending", "laurel"],
      ["Advanced Welding", "expiring", "accepted", "laurel"],
      ["Advanced Welding", "expired", "accepted", "laurel"],
      ["Zoology Field Work", "unverified", "accepted", "import"],
      ["Cloud Basics", "valid", "accepted", "laurel"],
    ]);
    expect(items[0].credentialId).toBe(revoked.id);
    expect(issuers.map((issuer) => issuer.name)).toEqual(["Alpha Institute", "Beta College", "Elsewhere University"]);
    expect(skills).toEqual(["cloud", "Fieldwork", "safety", "welding"]);
  });

  it("sorts by oldest, name and issuer", async () => {
    const { user } = await stockedBackpack();
    expect(names((await listBackpack(user.id, parseBackpackQuery({ sort: "oldest" }))).items)).toEqual([
      "Cloud Basics", // pending stays on top
      "Cloud Basics",
      "Zoology Field Work",
      "Advanced Welding",
      "Advanced Welding",
    ]);
    const byName = names((await listBackpack(user.id, parseBackpackQuery({ sort: "name", show: "active" }))).items.filter((item) => item.state === "accepted"));
    expect(byName).toEqual(["Advanced Welding", "Advanced Welding", "Cloud Basics", "Zoology Field Work"]);
    const byIssuer = (await listBackpack(user.id, parseBackpackQuery({ sort: "issuer" }))).items.filter((item) => item.state === "accepted");
    expect(byIssuer.map((item) => item.issuer.name)).toEqual(["Alpha Institute", "Beta College", "Beta College", "Elsewhere University"]);
  });

  it("filters by issuer, skill, status and issue date; bad values in the URL are ignored", async () => {
    const { user, beta } = await stockedBackpack();
    const list = async (params: Record<string, string>) => (await listBackpack(user.id, parseBackpackQuery(params))).items;
    expect((await list({ issuer: `org:${beta.org.id}` })).map((item) => item.status).sort()).toEqual(["expired", "expiring"]);
    expect(names(await list({ issuer: "name:Elsewhere University" }))).toEqual(["Zoology Field Work"]);
    expect(names(await list({ skill: "fieldwork" }))).toEqual(["Zoology Field Work"]);
    expect(names(await list({ skill: "safety" }))).toEqual(["Advanced Welding", "Advanced Welding"]);
    expect((await list({ status: "expiring" })).length).toBe(1);
    expect((await list({ status: "expired" })).length).toBe(1);
    expect((await list({ status: "revoked" })).length).toBe(1);
    expect((await list({ status: "pending" })).map((item) => item.status)).toEqual(["revoked"]);
    expect(names(await list({ status: "unverified" }))).toEqual(["Zoology Field Work"]);
    expect(names(await list({ from: "2023-01-01", to: "2024-12-31" }))).toEqual(["Zoology Field Work", "Cloud Basics"]);
    expect(names(await list({ from: "2023-03-10", to: "2023-03-10" }))).toEqual(["Cloud Basics"]);
    expect((await list({ status: "nonsense", from: "yesterday", sort: "random" })).length).toBe(5);
  });

  it("never shows another person's entries", async () => {
    await stockedBackpack();
    const { user: other } = await createLearner();
    expect((await listBackpack(other.id, parseBackpackQuery({}))).items).toEqual([]);
  });
});

describe("visibility", () => {
  it("a private credential's page is for its learner and issuer only; public again for everyone", async () => {
    const { user, old, alpha } = await stockedBackpack();
    const entry = await db.backpackEntry.findUniqueOrThrow({ where: { credentialId: old.id } });
    expect(entry.visibility).toBe("public");
    await setEntryVisibility(user.id, entry.id, "private");
    expect(await canViewCredential(old.id, null)).toBe(false);
    expect(await canViewCredential(old.id, user.id)).toBe(true);
    expect(await canViewCredential(old.id, alpha.owner.id)).toBe(true);
    await setEntryVisibility(user.id, entry.id, "public");
    expect(await canViewCredential(old.id, null)).toBe(true);
  });

  it("another person's entry id is not found and unchanged", async () => {
    const { old } = await stockedBackpack();
    const { user: stranger } = await createLearner();
    const entry = await db.backpackEntry.findUniqueOrThrow({ where: { credentialId: old.id } });
    await expect(setEntryVisibility(stranger.id, entry.id, "private")).rejects.toMatchObject({ code: "not_found" });
    expect((await db.backpackEntry.findUniqueOrThrow({ where: { id: entry.id } })).visibility).toBe("public");
  });
});

describe("the detail view", () => {
  it("shows criteria, skills, alignments and a passing check-by-check verification for a Laurel credential", async () => {
    const { user, old } = await stockedBackpack();
    const entry = await db.backpackEntry.findUniqueOrThrow({ where: { credentialId: old.id } });
    const detail = await entryDetail(user.id, entry.id);
    expect(detail).toMatchObject({
      name: "Cloud Basics",
      criteria: { narrative: "Lead a **real** project to completion." },
      skills: ["cloud"],
      alignments: [{ targetName: "Leadership", targetUrl: "https://example.org/frameworks/leadership", targetFramework: "Example Framework" }],
      verification: { valid: true, checkedAt: "now" },
    });
    expect(detail!.verification!.checks.map((check) => [check.check, check.ok])).toEqual([
      ["proof", true],
      ["schema", true],
      ["dates", true],
      ["status", true],
      ["issuer", true],
    ]);
  });

  it("shows an import's stored report, and nothing of another person's entry", async () => {
    const { user, imported } = await stockedBackpack();
    const detail = await entryDetail(user.id, imported.id);
    expect(detail?.verification).toMatchObject({ valid: false, checkedAt: "import", checks: [{ check: "proof", ok: false }] });
    const { user: stranger } = await createLearner();
    expect(await entryDetail(stranger.id, imported.id)).toBeNull();
  });
});
