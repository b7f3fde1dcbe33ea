// A real SMTP server on loopback that keeps every message it receives in memory, plus a tiny
// HTTP endpoint on loopback through which the test workers read them:
//
//   GET    /messages            every message, oldest first
//   GET    /messages?to=<addr>  messages whose envelope or To/Cc names <addr> (case-insensitive)
//   DELETE /messages[?to=<addr>]  forget them
//
// It runs inside Playwright's global setup (the runner process); specs use the `mail` fixture.
import { randomUUID } from "node:crypto";
import { createServer as createHttpServer } from "node:http";
import type { AddressInfo, Server as NetServer } from "node:net";
import { simpleParser, type AddressObject } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface StoredMail {
  id: string;
  receivedAt: string;
  /** Envelope sender (MAIL FROM). */
  from: string;
  /** Every recipient: envelope RCPT TO plus To and Cc headers, lowercased. */
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Absolute links found in the HTML (href) and the text part, in order, without duplicates. */
  links: string[];
  headers: Record<string, string>;
}

export interface MailServer {
  smtpUrl: string;
  httpUrl: string;
  close(): Promise<void>;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", "#39": "'", "#x27": "'" };

function decodeEntities(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|apos|#39|#x27);/gi, (_, name: string) => ENTITIES[name.toLowerCase()] ?? _);
}

export function extractLinks(html: string, text: string): string[] {
  const links: string[] = [];
  for (const match of html.matchAll(/\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
    links.push(decodeEntities((match[1] ?? match[2] ?? "").trim()));
  }
  for (const match of text.matchAll(/https?:\/\/[^\s<>"'()[\]]+/g)) {
    links.push(match[0].replace(/[.,;:!?]+$/, ""));
  }
  return [...new Set(links.filter((link) => /^https?:\/\//i.test(link)))];
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  if (!field) return [];
  const list = Array.isArray(field) ? field : [field];
  return list.flatMap((group) => group.value.map((entry) => entry.address ?? "")).filter(Boolean);
}

function listen(server: NetServer): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.removeListener("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startMailServer(): Promise<MailServer> {
  let messages: StoredMail[] = [];

  const smtp = new SMTPServer({
    authOptional: true,
    // Plain SMTP on loopback: offering STARTTLS would make clients try TLS against a
    // self-signed certificate.
    disabledCommands: ["STARTTLS"],
    // Any credentials are accepted, so an SMTP_URL with a user and password works too.
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? "test" });
    },
    logger: false,
    size: 25 * 1024 * 1024,
    async onData(stream, session, callback) {
      try {
        const parsed = await simpleParser(stream);
        const html = typeof parsed.html === "string" ? parsed.html : "";
        const text = parsed.text ?? "";
        const recipients = [
          ...session.envelope.rcptTo.map((rcpt) => rcpt.address),
          ...addresses(parsed.to),
          ...addresses(parsed.cc),
        ].map((address) => address.toLowerCase());
        const headers: Record<string, string> = {};
        for (const line of parsed.headerLines) {
          headers[line.key] = line.line.slice(line.line.indexOf(":") + 1).trim();
        }
        messages.push({
          id: randomUUID(),
          receivedAt: new Date().toISOString(),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: [...new Set(recipients)],
          subject: parsed.subject ?? "",
          text,
          html,
          links: extractLinks(html, text),
          headers,
        });
        callback();
      } catch (error) {
        callback(error instanceof Error ? error : new Error(String(error)));
      }
    },
  });
  smtp.on("error", () => {
    // A client that drops its connection is not our problem; keep serving.
  });

  const http = createHttpServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (url.pathname !== "/messages") {
      response.writeHead(404).end();
      return;
    }
    const to = url.searchParams.get("to")?.toLowerCase();
    const matches = (mail: StoredMail) => !to || mail.to.includes(to);
    if (request.method === "GET") {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify(messages.filter(matches)));
    } else if (request.method === "DELETE") {
      messages = messages.filter((mail) => !matches(mail));
      response.writeHead(204).end();
    } else {
      response.writeHead(405).end();
    }
  });

  const smtpPort = await listen(smtp.server);
  const httpPort = await listen(http);

  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    httpUrl: `http://127.0.0.1:${httpPort}`,
    async close() {
      http.closeAllConnections();
      await Promise.all([
        new Promise<void>((resolve) => http.close(() => resolve())),
        new Promise<void>((resolve) => smtp.close(() => resolve())),
      ]);
    },
  };
}
