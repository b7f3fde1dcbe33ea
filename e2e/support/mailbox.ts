// The test side of the loopback mail server (see mail-server.ts): read what the app sent.
import type { StoredMail } from "./mail-server.ts";

export type Mail = StoredMail;

export interface WaitForMailOptions {
  /** Only a message whose subject matches. */
  subject?: RegExp;
  /** How long to wait, in milliseconds (default 15 s). */
  timeout?: number;
}

export class Mailbox {
  /** Messages already handed out by waitFor(), so a second call waits for the next one. */
  private readonly seen = new Set<string>();

  constructor(private readonly baseUrl: string) {}

  /** Every message received so far for `to` (case-insensitive), oldest first. */
  async list(to: string): Promise<Mail[]> {
    const response = await fetch(`${this.baseUrl}/messages?to=${encodeURIComponent(to)}`);
    if (!response.ok) throw new Error(`Mail server answered ${response.status}`);
    return (await response.json()) as Mail[];
  }

  /**
   * Waits until a message for `to` arrives (optionally with a matching subject) and returns it.
   * Each message is returned once per test: calling again waits for the next one.
   */
  async waitFor(to: string, { subject, timeout = 15_000 }: WaitForMailOptions = {}): Promise<Mail> {
    const deadline = Date.now() + timeout;
    let received: Mail[] = [];
    for (;;) {
      try {
        received = await this.list(to);
      } catch (error) {
        // A poll that raced the server closing an idle keep-alive connection: poll again.
        if (!(error instanceof TypeError) || Date.now() >= deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
        continue;
      }
      const mail = received.find((m) => !this.seen.has(m.id) && (!subject || subject.test(m.subject)));
      if (mail) {
        this.seen.add(mail.id);
        return mail;
      }
      if (Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const got = received.length
      ? ` Received for that address: ${received.map((m) => JSON.stringify(m.subject)).join(", ")}.`
      : " Nothing was received for that address.";
    throw new Error(`No mail to ${to}${subject ? ` with a subject matching ${subject}` : ""} within ${timeout} ms.${got}`);
  }

  /** Waits for a message (see waitFor) and returns its first link matching `link`. */
  async waitForLink(to: string, link: RegExp, options: WaitForMailOptions = {}): Promise<string> {
    const mail = await this.waitFor(to, options);
    const found = mail.links.find((candidate) => link.test(candidate));
    if (!found) {
      throw new Error(`Mail ${JSON.stringify(mail.subject)} to ${to} has no link matching ${link}. Links: ${mail.links.join(", ") || "none"}`);
    }
    return found;
  }

  /** Forgets the messages for `to`, or every message when `to` is omitted. */
  async clear(to?: string): Promise<void> {
    const query = to ? `?to=${encodeURIComponent(to)}` : "";
    await fetch(`${this.baseUrl}/messages${query}`, { method: "DELETE" });
  }
}
