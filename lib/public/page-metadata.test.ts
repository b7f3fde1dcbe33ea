import { createTranslator } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { messagesFor } from "@/lib/i18n/messages";
import type { Locale } from "@/lib/i18n/config";
import { createAchievement } from "@/lib/issuing/achievements";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { credentialPageData } from "@/lib/issuing/public-views";
import { revokeCredential } from "@/lib/issuing/revoke-credential";
import { achievementInputSchema, issueCredentialSchema } from "@/lib/issuing/schemas";
import { createOrgWith, createUser, uniqueEmail } from "@/lib/test/factories";

// The real catalogs, as next-intl serves them to pages.
vi.mock("next-intl/server", () => ({
  getTranslations: async ({ locale, namespace }: { locale: Locale; namespace: string }) => createTranslator({ locale, messages: messagesFor(locale), namespace: namespace as never }),
}));

const { credentialMetadata, credentialPreviewText } = await import("./page-metadata");

async function credential(extra: Record<string, unknown> = {}) {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Northwind Institute");
  const achievement = await createAchievement(org.id, parseInput(achievementInputSchema, { name: "Cloud Fundamentals", description: "Cloud basics.", criteria: { narrative: "Pass the lab." } }));
  const issued = await issueCredential(
    org.id,
    parseInput(issueCredentialSchema, { achievementId: achievement.id, recipient: { email: uniqueEmail("kj"), name: "Katherine Johnson" }, ...extra }),
    { notify: false },
  );
  return { org, id: issued.id };
}

const page = async (id: string) => (await credentialPageData(id))!;
const said = (metadata: Awaited<ReturnType<typeof credentialMetadata>>) =>
  [metadata.title, metadata.description, metadata.openGraph?.title, metadata.openGraph?.description, metadata.twitter?.title, metadata.twitter?.description].map(String).join(" | ");

describe("a credential's link preview", () => {
  it("says verified only while the credential is valid", async () => {
    const { id } = await credential();
    const metadata = await credentialMetadata(await page(id), "en");
    expect(metadata.openGraph?.title).toBe("Cloud Fundamentals · Northwind Institute");
    expect(metadata.openGraph?.description).toBe("Katherine Johnson earned Cloud Fundamentals from Northwind Institute. Verified on Laurel.");
  });

  it("says revoked, with the date, and never verified, once the issuer revokes it", async () => {
    const { org, id } = await credential();
    await revokeCredential(org.id, id, "Issued by mistake");
    await db.credential.update({ where: { id }, data: { revokedAt: new Date("2026-11-20T10:00:00Z") } });
    const metadata = await credentialMetadata(await page(id), "en");
    expect(metadata.openGraph?.title).toBe("Revoked: Cloud Fundamentals · Northwind Institute");
    expect(metadata.openGraph?.description).toBe("Cloud Fundamentals from Northwind Institute to Katherine Johnson: revoked on November 20, 2026, no longer valid.");
    expect(metadata.twitter?.description).toBe(metadata.openGraph?.description);
    expect(said(metadata)).not.toMatch(/verif/i);

    const es = await credentialMetadata(await page(id), "es");
    expect(es.openGraph?.title).toBe("Revocada: Cloud Fundamentals · Northwind Institute");
    expect(es.openGraph?.description).toContain("revocada el 20 de noviembre de 2026");
    expect(said(es)).not.toMatch(/verificad/i);
  });

  it("says expired, with the date, once its expiry passed; and not yet valid before it starts", async () => {
    const { id } = await credential({ validFrom: "2024-01-01T00:00:00Z", validUntil: "2025-06-30T12:00:00Z" });
    const expired = await credentialMetadata(await page(id), "en");
    expect(expired.openGraph?.title).toBe("Expired: Cloud Fundamentals · Northwind Institute");
    expect(expired.openGraph?.description).toBe("Cloud Fundamentals from Northwind Institute to Katherine Johnson: expired on June 30, 2025.");
    expect(said(expired)).not.toMatch(/verif/i);

    const future = await credential({ validFrom: "2099-03-01T00:00:00Z" });
    const text = await credentialPreviewText(await page(future.id), "en");
    expect(text.title).toBe("Not valid yet: Cloud Fundamentals · Northwind Institute");
    expect(text.description).not.toMatch(/verif/i);
  });

  it("leaves the recipient out when the credential names none", async () => {
    const { id } = await credential();
    const data = { ...(await page(id)), recipientName: null, state: "revoked" as const, revokedAt: new Date("2026-11-20T10:00:00Z") };
    expect((await credentialPreviewText(data, "en")).description).toBe("Cloud Fundamentals from Northwind Institute: revoked on November 20, 2026, no longer valid.");
  });
});
