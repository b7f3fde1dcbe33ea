import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clearCardMemory } from "@/lib/cards/cache";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { achievementInputSchema, issueCredentialSchema } from "@/lib/issuing/schemas";
import { closeRenderPool, render } from "@/lib/render";
import { pngBomb } from "@/lib/images/test/bombs";
import { createOrgWith, createUser, uniqueEmail } from "@/lib/test/factories";
import { credentialCertificatePdf, credentialCertificatePng, type CertificateWording } from "./credential-certificate";
import { pngDimensions } from "./uploads";

const wording: CertificateWording = {
  labels: { heading: "Certificate of achievement", awardedTo: "This certifies that", forAchieving: "has earned", issued: "Issued", expires: "Expires", verify: "Verify at" },
  formatDate: (date) => date.toISOString().slice(0, 10),
  unnamedLearner: "The holder",
};
const spanish: CertificateWording = { ...wording, labels: { ...wording.labels, heading: "Certificado de logro", awardedTo: "Se certifica que" } };

async function issued() {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Certified Academy");
  const achievement = await createAchievement(
    org.id,
    parseInput(achievementInputSchema, {
      name: "Safety Lead",
      description: "Leads site safety.",
      criteria: { narrative: "Complete the course." },
      certificate: { paperSize: "A4", signers: [{ name: "Ada Director" }] },
    }),
  );
  return issueCredential(
    org.id,
    parseInput(issueCredentialSchema, { achievementId: achievement.id, recipient: { email: uniqueEmail("learner"), name: "Lee Learner" } }),
    { notify: false },
  );
}

const rowsOf = (credentialId: string, format: "png" | "pdf") =>
  db.renderedCard.findMany({ where: { key: { startsWith: `certificate.${format}:${credentialId}:` } }, select: { key: true, version: true, png: true } });

// The render worker's first start loads every renderer (seconds on a busy machine): once, here.
beforeAll(async () => {
  await render({ type: "rasterise", svg: '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>', width: 4 });
}, 120_000);

afterAll(async () => {
  await closeRenderPool();
});

describe("certificate outputs are cached per credential version", () => {
  it("serves the second request from the cache, and draws a new version anew", async () => {
    const credential = await issued();
    const first = (await credentialCertificatePng(credential.id, wording))!;
    expect(pngDimensions(first).width).toBeGreaterThan(0);
    const [row] = await rowsOf(credential.id, "png");
    expect(Buffer.from(row.png).equals(Buffer.from(first))).toBe(true);

    // Another instance (empty memory) answers from the shared table: replace the stored bytes
    // with a marker, and the marker is what comes back, without a render.
    clearCardMemory();
    const marker = new Uint8Array(Buffer.from("stored certificate"));
    await db.renderedCard.update({ where: { key: row.key }, data: { png: Buffer.from(marker) as Uint8Array<ArrayBuffer> } });
    const started = performance.now();
    const second = await credentialCertificatePng(credential.id, wording);
    const cachedMs = performance.now() - started;
    expect(Buffer.from(second!).toString()).toBe("stored certificate");
    // And this process keeps it in memory afterwards.
    await db.renderedCard.update({ where: { key: row.key }, data: { png: Buffer.from("changed behind its back") as Uint8Array<ArrayBuffer> } });
    expect(Buffer.from((await credentialCertificatePng(credential.id, wording))!).toString()).toBe("stored certificate");
    expect(cachedMs).toBeLessThan(1_000);

    // A new version of what the certificate shows (the learner's name) is drawn anew.
    await db.credential.update({ where: { id: credential.id }, data: { recipientName: "Lee Renamed" } });
    const third = (await credentialCertificatePng(credential.id, wording))!;
    expect(Buffer.from(third.subarray(1, 4)).toString()).toBe("PNG");
    const [after] = await rowsOf(credential.id, "png");
    expect(after.key).toBe(row.key);
    expect(after.version).not.toBe(row.version);
    expect(Buffer.from(after.png).equals(Buffer.from(third))).toBe(true);
  });

  it("keeps the PDF and each language apart", async () => {
    const credential = await issued();
    const pdf = (await credentialCertificatePdf(credential.id, wording))!;
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe("%PDF-");
    await credentialCertificatePdf(credential.id, spanish);
    const rows = await rowsOf(credential.id, "pdf");
    expect(rows).toHaveLength(2);
    clearCardMemory();
    expect(Buffer.from((await credentialCertificatePdf(credential.id, wording))!).equals(Buffer.from(pdf))).toBe(true);
    expect(await rowsOf(credential.id, "png")).toHaveLength(0);
  });

  it("still draws a certificate whose stored signature predates the pixel budget, leaving that image out", async () => {
    const credential = await issued();
    const { achievementId } = await db.credential.findUniqueOrThrow({ where: { id: credential.id }, select: { achievementId: true } });
    const signature = `data:image/png;base64,${Buffer.from(pngBomb()).toString("base64")}`;
    await db.achievement.update({ where: { id: achievementId }, data: { certificate: { paperSize: "A4", signers: [{ name: "Ada Director", signature }] } } });
    const started = performance.now();
    const png = await credentialCertificatePng(credential.id, wording);
    expect(pngDimensions(png!).width).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
