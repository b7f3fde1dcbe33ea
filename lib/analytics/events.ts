import { after } from "next/server";
import { clientIp } from "@/lib/auth/client-ip";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { isCrawler, visitorHash } from "./visitors";

/** What can happen to a credential; the timeline and the analytics read these. */
export type CredentialEventType =
  | "issued" | "emailed" | "opened" | "claimed" | "declined" | "viewed" | "previewed" | "shared" | "clicked"
  | "cta_clicked" | "downloaded" | "added_to_profile" | "verified" | "revoked" | "renewed" | "expired"
  | "address_changed";

export type CredentialEventInput = {
  credentialId: string;
  /** Looked up from the credential when not given. */
  organizationId?: string;
  type: CredentialEventType;
  /** linkedin, linkedin_profile, x, facebook, email, link, embed, direct; or a download format. */
  channel?: string | null;
  actorId?: string | null;
  data?: Record<string, unknown>;
};

/** Writes one event now. Unknown credentials are ignored (a stale link must not fail). */
export async function recordCredentialEvent(input: CredentialEventInput): Promise<void> {
  const organizationId =
    input.organizationId ??
    (await db.credential.findUnique({ where: { id: input.credentialId }, select: { organizationId: true } }))?.organizationId;
  if (!organizationId) return;
  await db.credentialEvent.create({
    data: {
      organizationId,
      credentialId: input.credentialId,
      type: input.type,
      channel: input.channel ?? null,
      actorId: input.actorId ?? null,
      data: (input.data ?? undefined) as object | undefined,
    },
  });
}

/**
 * Records an event after the response has been sent, so a public page or a redirect never
 * waits for it. Outside a request (scripts, tests) it writes at once.
 */
export function recordCredentialEventLater(input: CredentialEventInput): void {
  const write = () =>
    recordCredentialEvent(input).catch((error: unknown) => log.warn({ err: error, type: input.type }, "could not record a credential event"));
  try {
    after(write);
  } catch {
    void write();
  }
}

/** Who is looking, as far as events may know: a crawler or a person, and a daily pseudonym. */
export function visitorFrom(headers: Headers): { crawler: boolean; visitor: string; referrer: string | null } {
  const userAgent = headers.get("user-agent");
  return {
    crawler: isCrawler(userAgent),
    visitor: visitorHash(clientIp(headers), userAgent),
    referrer: referrerHost(headers.get("referer")),
  };
}

/** Only the referring site's host is kept, never the full URL (it may carry personal data). */
export function referrerHost(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return /^https?:$/.test(parsed.protocol) ? parsed.host || null : null;
  } catch {
    return null;
  }
}
