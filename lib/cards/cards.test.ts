import { PNG } from "pngjs";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { revokeCredential } from "@/lib/issuing/revoke-credential";
import { achievementInputSchema, issueCredentialSchema } from "@/lib/issuing/schemas";
import { createOrgWith, createUser, unique, uniqueEmail } from "@/lib/test/factories";
import { GET as credentialRoute } from "@/app/(main)/c/[id]/opengraph-image/route";
import { clearCardMemory } from "./cache";
import { shareCardFor } from "./card-urls";
import { serveCard } from "./serve";
import { cardHead, type CardKind } from "./version";

async function setup(recipientName: string | undefined = "Lee Learner") {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Card Academy");
  const achievement = await createAchievement(
    org.id,
    parseInput(achievementInputSchema, { name: "Data Literacy", description: "Reads charts critically.", criteria: { narrative: "Pass the test." }, achievementType: "Badge" }),
  );
  const issued = await issueCredential(
    org.id,
    parseInput(issueCredentialSchema, { achievementId: achievement.id, recipient: { email: uniqueEmail("learner"), ...(recipientName ? { name: recipientName } : {}) } }),
    { notify: false },
  );
  return { owner, org, achievement, credentialId: issued.id };
}

const request = (path: string, headers: Record<string, string> = {}) => new Request(`http://localhost:3000${path}`, { headers });
const version = async (kind: CardKind, id: string, now?: Date) => (await cardHead(kind, id, now))!.version;
const get = (kind: CardKind, id: string, query = "", headers: Record<string, string> = {}, viewerId: string | null = null) =>
  serveCard(kind, id, request(`/x/${id}/opengraph-image${query}`, headers), { viewerId: async () => viewerId });

async function decode(response: Response) {
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("image/png");
  return PNG.sync.read(Buffer.from(await response.arrayBuffer()));
}

beforeEach(() => clearCardMemory());

describe("share card versions", () => {
  it("change when the learner's name, the status or the issuer's design changes, and not otherwise", async () => {
    const { org, achievement, credentialId } = await setup();
    const v1 = await version("credential", credentialId);
    expect(await version("credential", credentialId)).toBe(v1);

    await db.credential.update({ where: { id: credentialId }, data: { recipientName: "Lee Q. Learner" } });
    const v2 = await version("credential", credentialId);
    expect(v2).not.toBe(v1);

    await db.organization.update({ where: { id: org.id }, data: { primaryColor: "#7c2d12" } });
    const v3 = await version("credential", credentialId);
    expect(v3).not.toBe(v2);

    await db.achievement.update({ where: { id: achievement.id }, data: { name: "Data Literacy II" } });
    const v4 = await version("credential", credentialId);
    expect(v4).not.toBe(v3);

    await revokeCredential(org.id, credentialId, "issued by mistake");
    const v5 = await version("credential", credentialId);
    expect(v5).not.toBe(v4);
    expect((await cardHead("credential", credentialId))!.state).toBe("revoked");
  });

  it("change when a credential expires", async () => {
    const { credentialId } = await setup();
    const validUntil = new Date(Date.now() + 24 * 3600_000);
    await db.credential.update({ where: { id: credentialId }, data: { validUntil } });
    const before = await version("credential", credentialId);
    const after = await version("credential", credentialId, new Date(validUntil.getTime() + 1000));
    expect(after).not.toBe(before);
    expect((await cardHead("credential", credentialId, new Date(validUntil.getTime() + 1000)))!.state).toBe("expired");
  });

  it("shareCardFor gives an absolute, versioned URL with size and alt text (null for unknown ids)", async () => {
    const { credentialId, achievement, org } = await setup();
    const card = await shareCardFor("credential", credentialId);
    const v = await version("credential", credentialId);
    expect(card).toMatchObject({ width: 1200, height: 630, alt: "Data Literacy badge, verified" });
    expect(card!.url).toMatch(/^https?:\/\//);
    const url = new URL(card!.url);
    expect(url.pathname).toBe(`/c/${credentialId}/opengraph-image`);
    expect(url.searchParams.get("v")).toBe(v);
    expect(url.searchParams.get("lang")).toBeNull();

    const es = await shareCardFor("credential", credentialId, "es");
    expect(new URL(es!.url).searchParams.get("lang")).toBe("es");
    expect(es!.alt).toBe("Insignia Data Literacy, verificada");

    expect(new URL((await shareCardFor("achievement", achievement.id))!.url).pathname).toBe(`/b/${achievement.id}/opengraph-image`);
    expect(new URL((await shareCardFor("issuer", org.id))!.url).pathname).toBe(`/o/${org.id}/opengraph-image`);
    for (const kind of ["credential", "profile", "achievement", "issuer"] as const) expect(await shareCardFor(kind, "does-not-exist")).toBeNull();
  });
});

describe("share card route", () => {
  it("answers a 1200×630 PNG with a strong ETag, kept a minute by shared caches, 304 when unchanged", async () => {
    const { credentialId } = await setup();
    const v = await version("credential", credentialId);

    // Through the route file itself, as Next.js calls it.
    const first = await credentialRoute(request(`/c/${credentialId}/opengraph-image?v=${v}`), { params: Promise.resolve({ id: credentialId }) });
    const firstBytes = Buffer.from(await first.clone().arrayBuffer());
    const image = await decode(first);
    expect([image.width, image.height]).toEqual([1200, 630]);
    expect(first.headers.get("etag")).toBe(`"${v}"`);
    // A learner hiding the credential is honoured by a CDN within a minute, so never a year.
    expect(first.headers.get("cache-control")).toBe("public, max-age=60, s-maxage=60, stale-while-revalidate=60");

    // An old or missing v: today's card, kept no longer.
    const stale = await get("credential", credentialId, "?v=old");
    expect(stale.status).toBe(200);
    expect(stale.headers.get("cache-control")).toBe("public, max-age=60, s-maxage=60, stale-while-revalidate=60");
    expect(Buffer.from(await stale.arrayBuffer()).equals(firstBytes)).toBe(true);
    expect((await get("credential", credentialId)).headers.get("cache-control")).toBe("public, max-age=60, s-maxage=60, stale-while-revalidate=60");

    const notModified = await get("credential", credentialId, `?v=${v}`, { "If-None-Match": `"${v}"` });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get("etag")).toBe(`"${v}"`);
    expect(await notModified.text()).toBe("");

    // Spanish is its own image, with its own validator.
    const es = await get("credential", credentialId, `?v=${v}&lang=es`, { "If-None-Match": `"${v}"` });
    expect(es.status).toBe(200);
    expect(es.headers.get("etag")).toBe(`"${v}.es"`);
  });

  it("stores each rendered version once, so another instance answers from the table", async () => {
    const { credentialId } = await setup();
    const v = await version("credential", credentialId);
    const first = Buffer.from(await (await get("credential", credentialId, `?v=${v}`)).arrayBuffer());
    const row = await db.renderedCard.findUniqueOrThrow({ where: { key: `credential:${credentialId}:en` } });
    expect(row.version).toBe(v);
    expect(Buffer.from(row.png).equals(first)).toBe(true);

    clearCardMemory(); // a fresh instance: the row is served as stored
    const again = Buffer.from(await (await get("credential", credentialId, `?v=${v}`)).arrayBuffer());
    expect(again.equals(first)).toBe(true);
  });

  it("shows the new state after a revocation: a new version, a new ETag, a different image", async () => {
    const { org, credentialId } = await setup();
    const before = await get("credential", credentialId);
    const beforeTag = before.headers.get("etag");
    const beforePng = PNG.sync.read(Buffer.from(await before.arrayBuffer()));
    await revokeCredential(org.id, credentialId, "issued by mistake");

    // A client holding the old card gets the new one, not a 304.
    const after = await get("credential", credentialId, "", { "If-None-Match": beforeTag! });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(beforeTag);
    const afterPng = await decode(after);
    // The status band (bottom centre) changed colour: green for verified, red for revoked.
    const at = (png: PNG) => Array.from(png.data.subarray(((630 - 42) * 1200 + 600) * 4, ((630 - 42) * 1200 + 600) * 4 + 3));
    expect(at(beforePng)).toEqual([0x15, 0x80, 0x3d]);
    expect(at(afterPng)).toEqual([0xb9, 0x1c, 0x1c]);
  });

  it("answers 404 for private credentials to strangers, but not to their learner or issuer", async () => {
    const { owner, credentialId } = await setup();
    const learner = await createUser();
    const stranger = await createUser();
    await db.backpackEntry.create({ data: { userId: learner.id, credentialId, state: "accepted", visibility: "private" } });

    expect((await get("credential", credentialId)).status).toBe(404);
    expect((await get("credential", credentialId, "", {}, stranger.id)).status).toBe(404);
    const mine = await get("credential", credentialId, "", {}, learner.id);
    await decode(mine);
    expect(mine.headers.get("cache-control")).toBe("private, no-cache");
    expect((await get("credential", credentialId, "", {}, owner.id)).status).toBe(200);

    // Made public again: anyone may see it.
    await db.backpackEntry.update({ where: { credentialId }, data: { visibility: "public" } });
    expect((await get("credential", credentialId)).status).toBe(200);
  });

  it("answers 404 for unknown ids of every kind and for hidden or unknown profiles", async () => {
    for (const kind of ["credential", "profile", "achievement", "issuer"] as const) {
      expect((await get(kind, "nope")).status).toBe(404);
      expect((await get(kind, "x".repeat(500))).status).toBe(404);
    }
    const handle = unique("learner");
    const user = await db.user.create({ data: { email: uniqueEmail(), handle, name: "Priya Sharma", headline: "Analyst", profilePublic: false } });
    expect((await get("profile", handle)).status).toBe(404);
    expect(await shareCardFor("profile", handle)).toBeNull();

    await db.user.update({ where: { id: user.id }, data: { profilePublic: true } });
    await decode(await get("profile", handle));
    expect(await shareCardFor("profile", handle)).toMatchObject({ alt: "Priya Sharma's badges on Laurel" });
  });

  it("renders achievement, issuer and profile cards, whose versions follow their content", async () => {
    const { org, achievement, credentialId } = await setup();
    const learner = await db.user.create({ data: { email: uniqueEmail(), handle: unique("learner"), name: "محمد عبد الله" } });

    const achievementV1 = await version("achievement", achievement.id);
    await decode(await get("achievement", achievement.id));
    await setup(); // another org's credential does not change this achievement
    expect(await version("achievement", achievement.id)).toBe(achievementV1);
    await issueCredential(org.id, parseInput(issueCredentialSchema, { achievementId: achievement.id, recipient: { email: uniqueEmail() } }), { notify: false });
    expect(await version("achievement", achievement.id)).not.toBe(achievementV1); // one more holder

    const issuerV1 = await version("issuer", org.id);
    await decode(await get("issuer", org.id));
    await db.organization.update({ where: { id: org.id }, data: { description: "New description" } });
    expect(await version("issuer", org.id)).not.toBe(issuerV1);

    const profileV1 = await version("profile", learner.handle!);
    await decode(await get("profile", learner.handle!));
    await db.backpackEntry.create({ data: { userId: learner.id, credentialId, state: "accepted", visibility: "public" } });
    const profileV2 = await version("profile", learner.handle!);
    expect(profileV2).not.toBe(profileV1); // a new public badge
    await decode(await get("profile", learner.handle!));
    await db.user.update({ where: { id: learner.id }, data: { headline: "Data analyst" } });
    expect(await version("profile", learner.handle!)).not.toBe(profileV2);
  });
});
