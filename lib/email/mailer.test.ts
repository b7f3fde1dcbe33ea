import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { reloadEnv } from "@/lib/env";
import { uniqueEmail } from "@/lib/test/factories";
import { startTestSmtpServer } from "@/lib/test/smtp";
import { sendEmail } from "./mailer";
import { invitationEmail, passwordResetEmail } from "./templates";

afterEach(() => {
  delete process.env.SMTP_URL;
  reloadEnv();
});

describe("sendEmail", () => {
  it("keeps the message in the outbox when no SMTP server is configured", async () => {
    delete process.env.SMTP_URL;
    reloadEnv();
    const to = uniqueEmail("outbox");
    const result = await sendEmail(passwordResetEmail({ to, url: "http://laurel.test/reset-password/abc" }));
    expect(result.status).toBe("stored");
    const stored = await db.outboxEmail.findUniqueOrThrow({ where: { id: result.id } });
    expect(stored).toMatchObject({ to, subject: "Reset your Laurel password", status: "stored" });
    expect(stored.text).toContain("http://laurel.test/reset-password/abc");
  });

  it("delivers HTML and text over SMTP, branded and localised", async () => {
    const smtp = await startTestSmtpServer();
    try {
      process.env.SMTP_URL = smtp.url;
      reloadEnv();
      const to = uniqueEmail("smtp");
      const message = invitationEmail({
        to,
        url: "http://laurel.test/invite/t0ken",
        locale: "es",
        organization: { name: "Academia <Demo>", color: "#aa3300" },
        inviterName: "Ana",
        role: "issuer",
      });
      expect((await sendEmail(message)).status).toBe("sent");
      const [mail] = smtp.to(to);
      expect(mail.subject).toContain("Academia <Demo>");
      expect(mail.text).toContain("http://laurel.test/invite/t0ken");
      expect(mail.html).toContain("#aa3300");
      // Organization names are escaped, never injected as markup.
      expect(mail.html).toContain("Academia &lt;Demo&gt;");
      expect(mail.html).not.toContain("<Demo>");
      expect(mail.html).toContain('lang="es"');
      expect(mail.subject).not.toBe(invitationEmail({ ...message, to, url: "x", organization: { name: "Academia <Demo>", color: "#aa3300" }, inviterName: "Ana", role: "issuer", locale: "en" }).subject);
    } finally {
      await smtp.close();
    }
  });

  it("records a failure instead of throwing when the SMTP server is unreachable", async () => {
    process.env.SMTP_URL = "smtp://127.0.0.1:9";
    reloadEnv();
    const result = await sendEmail(passwordResetEmail({ to: uniqueEmail("down"), url: "http://laurel.test/r" }));
    expect(result.status).toBe("failed");
    expect((await db.outboxEmail.findUniqueOrThrow({ where: { id: result.id } })).error).toBeTruthy();
  });
});
