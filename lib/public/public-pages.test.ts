import { beforeEach, describe, expect, it, vi } from "vitest";
import { flushCredentialEvents } from "@/lib/analytics/events";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { revokeCredential } from "@/lib/issuing/revoke-credential";
import { achievementInputSchema, issueCredentialSchema } from "@/lib/issuing/schemas";
import { createOrgWith, createUser, unique, uniqueEmail } from "@/lib/test/factories";

// The downloads read the session only for private credentials; the test plays the signed-in person.
const session = vi.hoisted(() => ({ user: null as { id: string } | null }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => session.user }));

const { GET: credentialJson } = await import("@/app/(main)/c/[id]/credential.json/route");
const { GET: credentialJwt } = await import("@/app/(main)/c/[id]/credential.jwt/route");
const { GET: badgePng } = await import("@/app/(main)/c/[id]/badge.png/route");
const { GET: ob2Assertion } = await import("@/app/(main)/c/[id]/ob2/route");
const { GET: negotiatedJson } = await import("@/app/api/ob/credentials/[id]/route");
const { POST: viewBeacon } = await import("@/app/(main)/c/[id]/view/route");
const { GET: importedImage } = await import("@/app/(main)/u/[handle]/badges/[entryId]/image/route");
const { GET: profilePhotoRoute } = await import("@/app/(main)/u/[handle]/photo/route");
const { credentialViewerOf, verifyForPage } = await import("./credential-page");
const { credentialPageData, achievementPageData, issuerPageData, publicAlignments, publicEvidence } = await import("@/lib/issuing/public-views");
const { profilePageData, skillSummary } = await import("./profile");
const { publicPageMetadata, publicPageMetadataWithCard, publicPageUrl, serializeJsonLd } = await import("./metadata");
const { credentialJsonLd, profileJsonLd } = await import("./json-ld");
const { recordCredentialPageRender } = await import("./visits");
const { brandAccent } = await import("./brand");

const PERSON = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";
const ANOTHER_PERSON = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1";
const LINKEDIN = "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)";
const PNG_1PX = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

async function issuer(achievement: Record<string, unknown> = {}) {
  const owner = await createUser({ name: "Olive Owner" });
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Public Pages Academy");
  const created = await createAchievement(
    org.id,
    parseInput(achievementInputSchema, {
      name: "Data Steward",
      description: "Looks after data.",
      criteria: { narrative: "Pass the **exam**." },
      tags: ["Data", "Privacy"],
      alignment: [{ targetName: "ESCO data", targetUrl: "https://esco.example/data", targetCode: "D1" }],
      howToEarnUrl: "https://academy.example/earn",
      ...achievement,
    }),
  );
  return { owner, org, achievement: created };
}

async function issue(orgId: string, achievementId: string, name = "Lee Learner", extra: Record<string, unknown> = {}) {
  return issueCredential(orgId, parseInput(issueCredentialSchema, { achievementId, recipient: { email: uniqueEmail("learner"), name }, ...extra }), { notify: false });
}

/** A learner holding the credential in their backpack (accepted), public unless said otherwise. */
async function hold(credentialId: string, visibility: "public" | "private" = "public") {
  const learner = await createUser({ name: "Lee Learner" });
  await db.backpackEntry.create({ data: { userId: learner.id, credentialId, state: "accepted", acceptedAt: new Date(), visibility } });
  return learner;
}

const request = (url: string, userAgent = PERSON, init: RequestInit = {}) =>
  new Request(url, { ...init, headers: { "user-agent": userAgent, "x-forwarded-for": "203.0.113.9", ...(init.headers ?? {}) } });
const params = <T extends Record<string, string>>(value: T) => ({ params: Promise.resolve(value) });
const events = (credentialId: string, type: string) => db.credentialEvent.findMany({ where: { credentialId, type }, orderBy: { createdAt: "asc" } });
// recordCredentialEventLater writes at once outside a request, but without waiting for it.
// Recording happens after the answer: wait a moment, then for every write under way.
const settle = () => new Promise((resolve) => setTimeout(resolve, 150)).then(() => flushCredentialEvents());

beforeEach(() => {
  session.user = null;
});

describe("credential page data", () => {
  it("shows the credential as issued, with evidence, skills, alignments and a verified verdict", async () => {
    const { org, achievement } = await issuer();
    const credential = await issue(org.id, achievement.id, "Lee Learner", {
      evidence: [{ id: "https://portfolio.example/project", name: "Final project", narrative: "Built a *pipeline*." }]
    });
    // A later edit does not change what the signed credential says.
    await db.achievement.update({ where: { id: achievement.id }, data: { name: "Renamed Later" } });
    const page = (await credentialPageData(credential.id))!;
    expect(page.achievement.name).toBe("Data Steward");
    expect(page.recipientName).toBe("Lee Learner");
    expect(page.achievement.tags).toEqual(["Data", "Privacy"]);
    expect(page.achievement.alignments).toEqual([{ targetName: "ESCO data", targetUrl: "https://esco.example/data", targetFramework: null, targetCode: "D1" }]);
    expect(page.evidence).toEqual([
      { id: "https://portfolio.example/project", name: "Final project", description: null, narrative: "Built a *pipeline*." },
    ]);
    expect(page.visibility).toBe("public");
    expect(JSON.stringify(page)).not.toContain("@example.com");

    const verification = await verifyForPage(page);
    expect(verification.verdict).toBe("verified");
    expect(verification.checks.map((check) => [check.check, check.ok])).toEqual([
      ["proof", true],
      ["schema", true],
      ["dates", true],
      ["status", true],
      ["issuer", true],
    ]);
  });

  it("says revoked once the issuer revokes it", async () => {
    const { org, achievement } = await issuer();
    const credential = await issue(org.id, achievement.id);
    await revokeCredential(org.id, credential.id, "Issued in error");
    const page = (await credentialPageData(credential.id))!;
    const verification = await verifyForPage(page);
    expect(verification.verdict).toBe("revoked");
    expect(verification.checks.find((check) => check.check === "status")?.ok).toBe(false);
  });

  it("counts holders without revoked credentials, per achievement on the issuer page", async () => {
    const { org, achievement } = await issuer();
    const other = await createAchievement(org.id, parseInput(achievementInputSchema, { name: "Other", description: "x", criteria: { narrative: "y" } }));
    const archived = await createAchievement(org.id, parseInput(achievementInputSchema, { name: "Old one", description: "x", criteria: { narrative: "y" } }));
    await db.achievement.update({ where: { id: archived.id }, data: { archivedAt: new Date() } });
    await issue(org.id, achievement.id);
    await issue(org.id, achievement.id);
    const revoked = await issue(org.id, achievement.id);
    await revokeCredential(org.id, revoked.id, "x");
    expect((await achievementPageData(achievement.id))!.holders).toBe(2);
    const page = (await issuerPageData(org.id))!;
    expect(page.achievements.map((a) => [a.name, a.holders])).toEqual([
      ["Other", 0],
      ["Data Steward", 2],
    ]);
    expect(page.achievements[0].imageSrc).toBe(`/b/${other.id}/v/1/image.png`);
    expect(await issuerPageData("no-such-org")).toBeNull();
  });
});

describe("private credentials", () => {
  it("are visible to their learner and the issuer's members, and to no one else", async () => {
    const { owner, org, achievement } = await issuer();
    const credential = await issue(org.id, achievement.id);
    const learner = await hold(credential.id, "private");
    const stranger = await createUser();
    const page = (await credentialPageData(credential.id))!;
    expect(page.visibility).toBe("private");
    expect(await credentialViewerOf(page, null)).toBeNull();
    expect(await credentialViewerOf(page, stranger.id)).toBeNull();
    expect(await credentialViewerOf(page, learner.id)).toBe("learner");
    expect(await credentialViewerOf(page, owner.id)).toBe("issuer");

    await db.backpackEntry.update({ where: { credentialId: credential.id }, data: { visibility: "public" } });
    const visible = (await credentialPageData(credential.id))!;
    expect(await credentialViewerOf(visible, null)).toBe("visitor");
    expect(await credentialViewerOf(visible, stranger.id)).toBe("visitor");
  });

  it("answer 404 on every download to a stranger, and serve them, uncached, to the learner", async () => {
    const { org, achievement } = await issuer();
    const credential = await issue(org.id, achievement.id);
    const learner = await hold(credential.id, "private");
    const url = `${env().BASE_URL}/c/${credential.id}`;
    const routes = [
      () => credentialJson(request(`${url}/credential.json`), params({ id: credential.id })),
      () => credentialJwt(request(`${url}/credential.jwt`), params({ id: credential.id })),
      () => badgePng(request(`${url}/badge.png`), params({ id: credential.id })),
      () => ob2Assertion(request(`${url}/ob2`), params({ id: credential.id })),
      () => negotiatedJson(request(url, PERSON, { headers: { accept: "application/ld+json" } }), params({ id: credential.id })),
    ];
    session.user = null;
    for (const route of routes) expect((await route()).status).toBe(404);
    session.user = { id: (await createUser()).id };
    for (const route of routes) expect((await route()).status).toBe(404);
    session.user = { id: learner.id };
    for (const route of routes) {
      const response = await route();
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("private, no-store");
    }
  });
});

describe("download and view events", () => {
  it("record a person's download with its format, and nothing for a crawler", async () => {
    const { org, achievement } = await issuer();
    const credential = await issue(org.id, achievement.id);
    const url = `${env().BASE_URL}/c/${credential.id}`;
    const json = await credentialJson(request(`${url}/credential.json`, PERSON, { headers: { referer: "https://www.linkedin.com/feed/" } }), params({ id: credential.id }));
    expect(json.status).toBe(200);
    expect(json.headers.get("cache-control")).toBe("public, max-age=0, must-revalidate");
    expect((await badgePng(request(`${url}/badge.png`), params({ id: credential.id }))).status).toBe(200);
    expect((await credentialJwt(request(`${url}/credential.jwt`, LINKEDIN), params({ id: credential.id }))).status).toBe(200);
    await settle();
    const downloads = await events(credential.id, "downloaded");
    expect(downloads.map((e) => e.channel).sort()).toEqual(["json", "png"]);
    const data = downloads.find((e) => e.channel === "json")!.data as { visitor: string; referrer: string };
    expect(data.referrer).toBe("www.linkedin.com");
    expect(data.visitor).toMatch(/^[\w-]{22}$/);
  });

  it("count a beacon from a person's browser as a view, with the referring site from the body", async () => {
    const { org, achievement } = await issuer();
    const credential = await issue(org.id, achievement.id);
    const beacon = (userAgent: string, body: string) =>
      viewBeacon(request(`${env().BASE_URL}/c/${credential.id}/view`, userAgent, { method: "POST", body }), params({ id: credential.id }));
    expect((await beacon(PERSON, JSON.stringify({ referrer: "https://news.example.org/story?who=me" }))).status).toBe(204);
    expect((await beacon(LINKEDIN, "{}")).status).toBe(204);
    expect((await beacon(PERSON, JSON.stringify({ bot: true }))).status).toBe(204);
    expect((await beacon(ANOTHER_PERSON, "not json")).status).toBe(204);
    // The first person reloading the page is not another view.
    expect((await beacon(PERSON, "{}")).status).toBe(204);
    await settle();
    const views = await events(credential.id, "viewed");
    expect(views).toHaveLength(2);
    expect(views.map((v) => (v.data as { referrer: string | null }).referrer)).toEqual(["news.example.org", null]);
    expect(views.map((v) => v.channel)).toEqual(["web", "direct"]);

    // A private credential's beacon counts for nothing (its cached page is a 404 anyway).
    const hidden = await issue(org.id, achievement.id);
    await hold(hidden.id, "private");
    await viewBeacon(request(`${env().BASE_URL}/c/${hidden.id}/view`, PERSON, { method: "POST", body: "{}" }), params({ id: hidden.id }));
    expect((await viewBeacon(request("http://x/c/nope/view", PERSON, { method: "POST" }), params({ id: "nope" }))).status).toBe(204);
    await settle();
    expect(await events(hidden.id, "viewed")).toHaveLength(0);
  });

  it("record a crawler's render as a preview and a signed-in stranger's as a view, but not the owners' own looks", async () => {
    const { org, achievement } = await issuer();
    const credential = await issue(org.id, achievement.id);
    const base = { credentialId: credential.id, organizationId: org.id };
    recordCredentialPageRender({ ...base, viewer: "visitor", signedIn: false, headers: new Headers({ "user-agent": LINKEDIN }) });
    recordCredentialPageRender({ ...base, viewer: "visitor", signedIn: true, headers: new Headers({ "user-agent": PERSON }) });
    recordCredentialPageRender({ ...base, viewer: "learner", signedIn: true, headers: new Headers({ "user-agent": PERSON }) });
    recordCredentialPageRender({ ...base, viewer: "issuer", signedIn: true, headers: new Headers({ "user-agent": PERSON }) });
    recordCredentialPageRender({ ...base, viewer: "visitor", signedIn: false, headers: new Headers({ "user-agent": PERSON }) });
    recordCredentialPageRender({ ...base, viewer: "visitor", signedIn: true, headers: new Headers({ "user-agent": PERSON, "next-router-prefetch": "1" }) });
    recordCredentialPageRender({ ...base, viewer: "visitor", signedIn: true, headers: new Headers({ "user-agent": PERSON, "sec-purpose": "prefetch" }) });
    await settle();
    const previews = await events(credential.id, "previewed");
    expect(previews).toHaveLength(1);
    expect((previews[0].data as { agent: string }).agent).toBe("LinkedInBot");
    expect(await events(credential.id, "viewed")).toHaveLength(1);
  });
});

describe("public profile", () => {
  async function learnerWithBadges() {
    const { org, achievement } = await issuer();
    const second = await createAchievement(org.id, parseInput(achievementInputSchema, { name: "Second", description: "x", criteria: { narrative: "y" }, tags: ["Privacy", "Ethics"] }));
    const handle = unique("lee");
    const learner = await db.user.create({ data: { email: uniqueEmail("lee"), name: "Lee Learner", handle, headline: "Data person", photo: `data:image/png;base64,${PNG_1PX}` } });
    const entry = async (credentialId: string, data: Record<string, unknown> = {}) =>
      db.backpackEntry.create({ data: { userId: learner.id, credentialId, state: "accepted", acceptedAt: new Date(), ...data } });
    const older = await issue(org.id, achievement.id, "Lee", { validFrom: new Date("2024-01-01T00:00:00Z") });
    const newer = await issue(org.id, second.id, "Lee", { validFrom: new Date("2025-01-01T00:00:00Z") });
    const a = await entry(older.id, { pinPosition: 2 });
    const b = await entry(newer.id, { pinPosition: 1 });
    const hidden = await entry((await issue(org.id, achievement.id)).id, { visibility: "private", pinPosition: 3 });
    const declined = await entry((await issue(org.id, achievement.id)).id, { state: "declined" });
    const pending = await entry((await issue(org.id, achievement.id)).id, { state: "pending", acceptedAt: null });
    const imported = await db.backpackEntry.create({
      data: {
        userId: learner.id,
        state: "accepted",
        acceptedAt: new Date(),
        importFormat: "png",
        name: "Imported Badge",
        issuerName: "Elsewhere U",
        issuerUrl: "https://elsewhere.example",
        image: `data:image/png;base64,${PNG_1PX}`,
        skills: ["Data"],
        verified: false,
        issuedOn: new Date("2023-05-01T00:00:00Z"),
      },
    });
    const shown = await db.collection.create({ data: { userId: learner.id, name: "Best of", position: 1 } });
    await db.collectionItem.createMany({
      data: [
        { collectionId: shown.id, entryId: imported.id, position: 0 },
        { collectionId: shown.id, entryId: hidden.id, position: 1 },
        { collectionId: shown.id, entryId: a.id, position: 2 },
        { collectionId: shown.id, entryId: declined.id, position: 3 },
      ],
    });
    const secret = await db.collection.create({ data: { userId: learner.id, name: "Secret", visibility: "private", position: 0 } });
    await db.collectionItem.create({ data: { collectionId: secret.id, entryId: b.id } });
    return { learner, handle, a, b, hidden, declined, pending, imported, older, newer };
  }

  it("shows pins in order, public collections with their public entries, every public credential and a skills summary", async () => {
    const { handle, a, b, imported, older, newer } = await learnerWithBadges();
    const profile = (await profilePageData(handle))!;
    expect(profile.name).toBe("Lee Learner");
    expect(profile.headline).toBe("Data person");
    expect(profile.pinned.map((e) => e.id)).toEqual([b.id, a.id]);
    expect(profile.entries.map((e) => e.id)).toEqual([b.id, a.id, imported.id]);
    expect(profile.entries.map((e) => e.credentialId)).toEqual([newer.id, older.id, null]);
    expect(profile.collections).toHaveLength(1);
    expect(profile.collections[0].name).toBe("Best of");
    expect(profile.collections[0].entries.map((e) => e.id)).toEqual([imported.id, a.id]);
    const shownImport = profile.entries[2];
    expect(shownImport).toMatchObject({ imported: true, verified: false, name: "Imported Badge", issuer: { name: "Elsewhere U", url: "https://elsewhere.example", orgId: null } });
    expect(shownImport.imageSrc).toMatch(new RegExp(`^/u/${handle}/badges/${imported.id}/image\\?v=`));
    expect(profile.skills).toEqual([
      { name: "Data", count: 2 },
      { name: "Privacy", count: 2 },
      { name: "Ethics", count: 1 },
    ]);

    const image = await importedImage(request(`http://x${shownImport.imageSrc}`), params({ handle, entryId: imported.id }));
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await image.arrayBuffer()).equals(Buffer.from(PNG_1PX, "base64"))).toBe(true);

    // The photo is linked, not inlined (it may weigh a megabyte).
    expect(profile.photo).toMatch(new RegExp(`^/u/${handle}/photo\\?v=`));
    const photo = await profilePhotoRoute(request("http://x/"), params({ handle }));
    expect(photo.headers.get("content-type")).toBe("image/png");
  });

  it("is not there for an unknown handle or a hidden profile, nor are its imported images", async () => {
    const { learner, handle, imported } = await learnerWithBadges();
    expect(await profilePageData(unique("nobody"))).toBeNull();
    await db.user.update({ where: { id: learner.id }, data: { profilePublic: false } });
    expect(await profilePageData(handle)).toBeNull();
    expect((await importedImage(request("http://x/"), params({ handle, entryId: imported.id }))).status).toBe(404);
    expect((await profilePhotoRoute(request("http://x/"), params({ handle }))).status).toBe(404);
  });

  it("never turns a non-http evidence or alignment address into a link", () => {
    expect(publicEvidence([{ id: "javascript:alert(1)", name: "Bad link" }, {}])).toEqual([{ id: null, name: "Bad link", description: null, narrative: null }]);
    expect(publicAlignments([{ targetName: "X", targetUrl: "data:text/html,hi" }, { targetUrl: "https://no.name" }])).toEqual([
      { targetName: "X", targetUrl: null, targetFramework: null, targetCode: null },
    ]);
  });

  it("merges skills case-insensitively, counting each credential once", () => {
    expect(skillSummary([{ skills: ["SQL", "sql", " Python "] }, { skills: ["Python"] }, { skills: [] }])).toEqual([
      { name: "Python", count: 2 },
      { name: "SQL", count: 1 },
    ]);
  });
});

describe("metadata and JSON-LD", () => {
  it("builds canonical, Open Graph and Twitter meta with an absolute 1200×630 image and its alt text", async () => {
    const { org, achievement } = await issuer();
    const credential = await issue(org.id, achievement.id);
    const url = publicPageUrl.credential(credential.id);
    const metadata = await publicPageMetadataWithCard("credential", credential.id, { title: "Data Steward · Academy", description: "Lee earned it.", url, type: "article", locale: "es" });
    expect(metadata.alternates?.canonical).toBe(`${env().BASE_URL}/c/${credential.id}`);
    const og = metadata.openGraph as Record<string, unknown> & { images: { url: string; width: number; height: number; alt: string }[] };
    expect(og).toMatchObject({ type: "article", url, title: "Data Steward · Academy", description: "Lee earned it.", siteName: "Laurel", locale: "es_ES" });
    expect(og.images).toHaveLength(1);
    expect(og.images[0].url).toMatch(new RegExp(`^${env().BASE_URL}/c/${credential.id}/opengraph-image\\?v=[\\w-]+`));
    expect(og.images[0]).toMatchObject({ width: 1200, height: 630 });
    expect(og.images[0].alt).toContain("Data Steward");
    expect(metadata.twitter).toMatchObject({ card: "summary_large_image", title: "Data Steward · Academy", description: "Lee earned it.", images: og.images });
  });

  it("shortens long descriptions and leaves the image out when there is none", () => {
    const metadata = publicPageMetadata({ title: "T", description: `${"word ".repeat(100)}`, url: "https://laurel.example/o/1", image: null });
    expect((metadata.description ?? "").length).toBeLessThanOrEqual(200);
    expect(metadata.description).toMatch(/…$/);
    expect(metadata.openGraph?.images).toBeUndefined();
    expect(metadata.twitter).toMatchObject({ card: "summary_large_image" });
  });

  it("serialises JSON-LD so that no value can close the script element", async () => {
    const hostile = '</script><script>alert("x")</script> & \u2028';
    const text = serializeJsonLd({ name: hostile });
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual({ name: hostile });

    const { org, achievement } = await issuer({ name: "</script><img src=x onerror=alert(1)>" });
    const credential = await issue(org.id, achievement.id);
    const ld = credentialJsonLd((await credentialPageData(credential.id))!);
    expect(ld).toMatchObject({
      "@context": "https://schema.org",
      "@type": "EducationalOccupationalCredential",
      "@id": publicPageUrl.credential(credential.id),
      name: "</script><img src=x onerror=alert(1)>",
      recognizedBy: { "@type": "Organization", name: "Public Pages Academy", url: publicPageUrl.issuer(org.id) },
      keywords: "Data, Privacy",
    });
    expect(String(ld.image)).toMatch(/^https?:\/\/.+\/b\/.+\/v\/1\/image\.png$/);
    expect(serializeJsonLd(ld)).not.toContain("</script>");
  });

  it("describes a profile as a ProfilePage about a Person with their credentials", async () => {
    const { handle } = await learnerWithBadgesForLd();
    const ld = profileJsonLd((await profilePageData(handle))!);
    expect(ld).toMatchObject({ "@type": "ProfilePage", url: publicPageUrl.profile(handle), mainEntity: { "@type": "Person", name: "Lee Learner", description: "Data person" } });
    const person = ld.mainEntity as { hasCredential: { url?: string; recognizedBy: { url: string } }[]; knowsAbout: string[] };
    expect(person.hasCredential).toHaveLength(1);
    expect(person.hasCredential[0].url).toMatch(new RegExp(`^${env().BASE_URL}/c/`));
    expect(person.hasCredential[0].recognizedBy.url).toMatch(new RegExp(`^${env().BASE_URL}/o/`));
    expect(person.knowsAbout).toEqual(["Data", "Privacy"]);
  });

  it("never names the claimed issuer of an unverified import as recognising it", async () => {
    const { handle } = await learnerWithBadgesForLd();
    const learner = await db.user.findUniqueOrThrow({ where: { handle } });
    const imported = { userId: learner.id, state: "accepted", acceptedAt: new Date(), importFormat: "json", issuedOn: new Date("2024-05-01T00:00:00Z") };
    await db.backpackEntry.create({ data: { ...imported, verified: false, name: "Forged Degree", issuerName: "Famous University", issuerUrl: "https://famous.example" } });
    await db.backpackEntry.create({ data: { ...imported, verified: true, name: "Real Course", issuerName: "Open Course Co", issuerUrl: "https://courses.example" } });
    const ld = profileJsonLd((await profilePageData(handle))!);
    const credentials = (ld.mainEntity as { hasCredential: { name: string; recognizedBy?: { name: string } }[] }).hasCredential;
    expect(credentials.find((c) => c.name === "Forged Degree")).toBeDefined();
    expect(credentials.find((c) => c.name === "Forged Degree")!.recognizedBy).toBeUndefined();
    expect(credentials.find((c) => c.name === "Real Course")!.recognizedBy).toMatchObject({ name: "Open Course Co" });
    expect(JSON.stringify(ld)).not.toContain("Famous University");
  });
});

async function learnerWithBadgesForLd() {
  const { org, achievement } = await issuer();
  const handle = unique("ld");
  const learner = await db.user.create({ data: { email: uniqueEmail("ld"), name: "Lee Learner", handle, headline: "Data person" } });
  const credential = await issue(org.id, achievement.id);
  await db.backpackEntry.create({ data: { userId: learner.id, credentialId: credential.id, state: "accepted", acceptedAt: new Date() } });
  return { handle };
}

describe("brand accent", () => {
  it("puts white on dark brand colours and dark text on light ones", () => {
    expect(brandAccent("#1f5f4a")).toEqual({ background: "#1f5f4a", foreground: "#ffffff" });
    expect(brandAccent("#F5D90A")).toEqual({ background: "#f5d90a", foreground: "#1c1917" });
    expect(brandAccent("red; background: url(x)").background).toBe("#1f5f4a");
  });
});
