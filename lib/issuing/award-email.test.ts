import { describe, expect, it } from "vitest";
import { shareCardFor } from "@/lib/cards/card-urls";
import { db } from "@/lib/db";
import { awardBodyHtml, awardBodyText, awardSubject, awardTextProblems, type AwardValues } from "@/lib/email/award-text";
import { AppError, parseInput } from "@/lib/errors";
import { createOrgWith, createUser, uniqueEmail } from "@/lib/test/factories";
import { linkIn, useTestSmtp } from "@/lib/test/smtp";
import { createAchievement } from "./achievements";
import { awardEmailSchema, saveAwardEmail } from "./award-email";
import { sendClaimEmail } from "./claim-email";
import { issueCredential } from "./issue-credential";
import { achievementInputSchema, issueCredentialSchema } from "./schemas";
import { sendTestToSelf } from "./send-test";

const smtp = useTestSmtp();

async function setup(achievementType = "Badge", name = "Harbour Pilot") {
  const owner = await createUser({ name: "Olive Owner" });
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Harbour School");
  const achievement = await createAchievement(
    org.id,
    parseInput(achievementInputSchema, { name, description: "Brings ships in safely.", criteria: { narrative: "Pilot twenty ships." }, achievementType }),
  );
  return { owner, org, achievement };
}

async function issueTo(orgId: string, achievementId: string, recipient: { email: string; name?: string }) {
  return issueCredential(orgId, parseInput(issueCredentialSchema, { achievementId, recipient }), { notify: false });
}

const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.fields;
    throw error;
  }
  throw new Error("expected a refusal");
};

describe("an achievement's own award email", () => {
  it("arrives with its placeholders filled, the recipient's name escaped in the HTML part, and one link: the claim page", async () => {
    const { owner, org, achievement } = await setup();
    await saveAwardEmail(
      org.id,
      achievement.id,
      parseInput(awardEmailSchema, {
        awardEmailSubject: "{{recipient_name}}, your {{achievement_name}} is here",
        awardEmailBody: "Dear {{recipient_name}},\n\n**{{organization_name}}** awarded you *{{achievement_name}}* on {{issued_on}}.\n\n[Claim it here]({{claim_url}}) or paste {{claim_url}}",
      }),
      { userId: owner.id },
    );
    const email = uniqueEmail("escaped");
    const issued = await issueTo(org.id, achievement.id, { email, name: "<script>alert(1)</script> & Co" });
    const credential = await db.credential.findUniqueOrThrow({ where: { id: issued.id } });
    expect(await sendClaimEmail(issued.id)).toBe("sent");

    const mail = await smtp.waitFor(email);
    expect(mail.subject).toBe("<script>alert(1)</script> & Co, your Harbour Pilot is here");
    const claim = linkIn(mail, "http://laurel.test/backpack/claim/");
    const issuedOn = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" }).format(credential.validFrom);

    // Plain text: the values as they are, the link written out, no Markdown marks.
    expect(mail.text).toContain("Dear <script>alert(1)</script> & Co,");
    expect(mail.text).toContain(`Harbour School awarded you Harbour Pilot on ${issuedOn}.`);
    expect(mail.text).toContain(`Claim it here: ${claim} or paste ${claim}`);
    expect(mail.text).not.toContain("**");
    expect(mail.text).not.toContain("has awarded you the “Harbour Pilot” badge");

    // HTML: the name arrives as text, the emphasis as tags, the links all to the claim page.
    const html = String(mail.html);
    expect(html).toContain("Dear &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co,");
    expect(html).not.toContain("<script>");
    expect(html).toContain(`<strong>Harbour School</strong> awarded you <em>Harbour Pilot</em> on ${issuedOn}.`);
    const claimHtml = claim.replace(/&/g, "&amp;");
    expect(html).toContain(`<a href="${claimHtml}" style="color:inherit">Claim it here</a>`);
    const paragraphLinks = [...html.matchAll(/<p style="font-size:16px[^"]*">([\s\S]*?)<\/p>/g)].flatMap((match) => [...match[1].matchAll(/href="([^"]*)"/g)].map((link) => link[1]));
    expect(paragraphLinks).toEqual([claimHtml, claimHtml]);
  });

  it("empty, Laurel's text is sent; a certificate's says “certificate”, in English and in Spanish", async () => {
    const { org, achievement } = await setup("Certificate", "Harbour Master");
    const email = uniqueEmail("certificate");
    const issued = await issueTo(org.id, achievement.id, { email, name: "Cora" });
    await sendClaimEmail(issued.id);
    const mail = await smtp.waitFor(email);
    expect(mail.subject).toBe("Harbour School awarded you “Harbour Master”");
    expect(mail.text).toContain("Harbour School has awarded you the “Harbour Master” certificate.");
    expect(mail.text).toContain("View and claim your certificate:");
    expect(mail.text).not.toMatch(/badge/i);
    expect(String(mail.html)).toContain("View and claim your certificate</a>");

    const spanish = await createUser({ name: "Elena" });
    await db.user.update({ where: { id: spanish.id }, data: { locale: "es" } });
    const inSpanish = await issueTo(org.id, achievement.id, { email: spanish.email, name: "Elena" });
    await sendClaimEmail(inSpanish.id);
    const correo = await smtp.waitFor(spanish.email);
    expect(correo.text).toContain("Harbour School te ha otorgado el certificado «Harbour Master».");
    expect(correo.text).toContain("Ver y reclamar tu certificado:");
    expect(correo.text).not.toMatch(/insignia/i);

    // The same achievement as a badge still says "badge".
    const badge = await setup("Badge", "Deckhand");
    const badgeEmail = uniqueEmail("badge");
    await sendClaimEmail((await issueTo(badge.org.id, badge.achievement.id, { email: badgeEmail })).id);
    expect((await smtp.waitFor(badgeEmail)).text).toContain("View and claim your badge:");

    // The share card's alt text, in both languages.
    expect((await shareCardFor("credential", issued.id, "en"))?.alt).toBe("Harbour Master certificate, verified");
    expect((await shareCardFor("credential", issued.id, "es"))?.alt).toBe("Certificado Harbour Master, verificado");
    expect((await shareCardFor("achievement", achievement.id, "en"))?.alt).toBe("Harbour Master certificate and how to earn it");
    expect((await shareCardFor("achievement", badge.achievement.id, "en"))?.alt).toBe("Deckhand badge and how to earn it");
  });

  it("refuses unknown placeholders by name and links to anything but the claim page, and keeps the saved text", async () => {
    const { org, achievement } = await setup();
    await saveAwardEmail(org.id, achievement.id, parseInput(awardEmailSchema, { awardEmailSubject: "Well done, {{recipient_name}}" }));
    expect(
      await refusal(saveAwardEmail(org.id, achievement.id, parseInput(awardEmailSchema, { awardEmailSubject: "Hi {{first_name}}", awardEmailBody: "Hello" }))),
    ).toEqual({ awardEmailSubject: { code: "unknown_placeholders", params: { names: "{{first_name}}", allowed: "{{recipient_name}}, {{achievement_name}}, {{organization_name}}, {{claim_url}}, {{issued_on}}" } } });
    expect(await refusal(saveAwardEmail(org.id, achievement.id, parseInput(awardEmailSchema, { awardEmailBody: "See {{ course }} and {{grade}} or {{recipient_name}}" })))).toMatchObject({
      awardEmailBody: { code: "unknown_placeholders", params: { names: "{{course}}, {{grade}}" } },
    });
    expect(await refusal(saveAwardEmail(org.id, achievement.id, parseInput(awardEmailSchema, { awardEmailBody: "[Win a prize](https://phish.example)" })))).toEqual({
      awardEmailBody: { code: "link_not_claim_url", params: { link: "{{claim_url}}" } },
    });
    const other = await setup();
    await expect(saveAwardEmail(other.org.id, achievement.id, parseInput(awardEmailSchema, { awardEmailBody: "Hello" }))).rejects.toMatchObject({ code: "not_found" });
    const stored = await db.achievement.findUniqueOrThrow({ where: { id: achievement.id } });
    expect([stored.awardEmailSubject, stored.awardEmailBody, stored.version]).toEqual(["Well done, {{recipient_name}}", null, 1]);
  });
});

describe("the award text", () => {
  const values: AwardValues = { recipient_name: "Ana *Bold* <b>", achievement_name: "Knots", organization_name: "Sea & Co", claim_url: "https://laurel.test/claim?a=1&b=2", issued_on: "1 May 2027" };

  it("fills values without reading them as Markdown or placeholders", () => {
    expect(awardSubject("  {{recipient_name}}\n got {{achievement_name}} ", { ...values, recipient_name: "{{claim_url}}" })).toBe("{{claim_url}} got Knots");
    expect(awardBodyHtml("Hi {{recipient_name}}\nfrom {{organization_name}}", values)).toEqual(["Hi Ana *Bold* &lt;b&gt;<br>from Sea &amp; Co"]);
    expect(awardBodyText("**Hi** {{recipient_name}}", values)).toBe("Hi Ana *Bold* <b>");
  });

  it("names what it cannot send", () => {
    expect(awardTextProblems("{{recipient_name}} {{Recipient_Name}} {{ nope }} {{}}")).toEqual({ unknownPlaceholders: ["{{Recipient_Name}}", "{{nope}}", "{{}}"], foreignLinks: false });
    expect(awardTextProblems("Half {{recipient_name} open")).toMatchObject({ unknownPlaceholders: ["{{"] });
    expect(awardTextProblems("[ok]({{ claim_url }}) [no](javascript:alert(1))").foreignLinks).toBe(true);
    expect(awardTextProblems("[ok]({{claim_url}})").foreignLinks).toBe(false);
  });
});

describe("send a test to myself", () => {
  it("issues the achievement to the issuer's verified address and the learners' email arrives with the claim link", async () => {
    const { owner, org, achievement } = await setup();
    const issued = await sendTestToSelf(org.id, achievement.id, { userId: owner.id });
    expect(issued.email).toBe(owner.email);
    const credential = await db.credential.findUniqueOrThrow({ where: { id: issued.id } });
    expect([credential.organizationId, credential.achievementId, credential.recipientEmail, credential.recipientName]).toEqual([org.id, achievement.id, owner.email, "Olive Owner"]);
    // No worker runs in this file: the queued claim email is sent here as the worker sends it.
    await sendClaimEmail(issued.id);
    const mail = await smtp.waitFor(owner.email, /awarded you/);
    expect(linkIn(mail, `http://laurel.test/backpack/claim/${issued.id}`)).toContain(`/backpack/claim/${issued.id}`);
  });

  it("is refused, with the reason, to an account without a verified address", async () => {
    const { org, achievement } = await setup();
    const unverified = await db.user.create({ data: { email: uniqueEmail("unverified"), emails: { create: { email: uniqueEmail("unverified-2") } } } });
    expect(await refusal(sendTestToSelf(org.id, achievement.id, { userId: unverified.id }))).toEqual({ achievementId: { code: "no_verified_email", params: undefined } });
    expect(await db.credential.count({ where: { organizationId: org.id } })).toBe(0);
  });
});
