import { describe, expect, it } from "vitest";
import { sendClaimEmail } from "@/lib/issuing/claim-email";
import { linkIn, useTestSmtp } from "@/lib/test/smtp";
import { uniqueEmail } from "@/lib/test/factories";
import { createIssuer, createLearner, issueTo } from "./backpack-fixtures";
import { claimView } from "./claim-credential";

const smtp = useTestSmtp();

describe("the claim email", () => {
  it("links its button to the claim page with a token for this address, and still shows the public URL", async () => {
    const { org, achievement } = await createIssuer();
    const email = uniqueEmail("mailed");
    const issued = await issueTo(org.id, achievement.id, email);
    await sendClaimEmail(issued.id);
    const mail = await smtp.waitFor(email, /awarded you/);

    const claim = linkIn(mail, "http://laurel.test/backpack/claim/");
    expect(claim).toMatch(new RegExp(`/backpack/claim/${issued.id}\\?t=[\\w-]{43}$`));
    expect(mail.text).toContain(`http://laurel.test/c/${issued.id}`);
    expect(mail.html).toContain(`href="${claim}"`);

    // The link works for the account holding the address (unverified until now).
    const { user } = await createLearner([{ email, verified: false }]);
    const token = new URL(claim).searchParams.get("t");
    expect(await claimView(issued.id, token, user.id)).toMatchObject({ status: "ready", tokenValid: true });
  });
});
