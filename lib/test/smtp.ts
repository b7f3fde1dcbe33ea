import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll } from "vitest";
import { reloadEnv } from "@/lib/env";

/** A real SMTP server on loopback that keeps what it receives, for tests. */
export async function startTestSmtpServer() {
  // Each message as parsed, with its bytes as received (for signature checks) and its envelope sender.
  const messages: (ParsedMail & { raw: Buffer; envelopeFrom: string | null })[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((mail) => {
            messages.push(Object.assign(mail, { raw, envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null }));
            callback();
          })
          .catch(callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    to: (address: string) => messages.filter((m) => JSON.stringify(m.to).includes(address)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first absolute URL in a message's text that starts with `prefix`. */
export function linkIn(mail: { text?: string }, prefix: string): string {
  const match = (mail.text ?? "").match(new RegExp(`${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\S+`));
  if (!match) throw new Error(`No link starting with ${prefix} in:\n${mail.text}`);
  return match[0];
}

/**
 * For a test file: a loopback SMTP server that the app's mailer uses (SMTP_URL), with links
 * built on http://laurel.test. Returns a getter for the server and a waiter for messages.
 */
export function useTestSmtp() {
  let smtp: Awaited<ReturnType<typeof startTestSmtpServer>>;
  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    process.env.SMTP_URL = smtp.url;
    process.env.BASE_URL = "http://laurel.test";
    reloadEnv();
  });
  afterAll(async () => {
    delete process.env.SMTP_URL;
    delete process.env.BASE_URL;
    reloadEnv();
    await smtp.close();
  });
  return {
    server: () => smtp,
    /** Waits up to 5 s for a message to `address` whose subject matches. */
    async waitFor(address: string, subject: RegExp = /./) {
      for (let i = 0; i < 50; i++) {
        const mail = smtp.to(address).find((m) => subject.test(m.subject ?? ""));
        if (mail) return mail;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`No mail to ${address} with a subject matching ${subject}`);
    },
  };
}
