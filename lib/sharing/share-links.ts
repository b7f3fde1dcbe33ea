import { randomInt } from "node:crypto";
import { getSessionUser } from "@/lib/auth/session";
import { canViewCredential } from "@/lib/backpack/access";
import { db } from "@/lib/db";
import type { ShareChannel } from "./share-urls";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const CODE_LENGTH = 12;

/** A random base62 code (71 bits): unguessable enough that codes can't be enumerated. */
export function newShareCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/**
 * The share code of each channel for one credential, created on first use. Concurrent callers
 * (two tabs, two instances) may both insert: the unique (credentialId, channel) index keeps one
 * row and everyone reads the survivor back, so the codes never change once handed out.
 */
export async function ensureShareLinks<C extends ShareChannel>(credentialId: string, channels: readonly C[]): Promise<Record<C, string>> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const rows = await db.shareLink.findMany({ where: { credentialId, channel: { in: [...channels] } }, select: { channel: true, code: true } });
    const codes = Object.fromEntries(rows.map((row) => [row.channel, row.code])) as Record<C, string>;
    const missing = channels.filter((channel) => !codes[channel]);
    if (missing.length === 0) return codes;
    await db.shareLink.createMany({
      data: missing.map((channel) => ({ code: newShareCode(), credentialId, channel })),
      skipDuplicates: true,
    });
  }
  throw new Error(`could not create share links for credential ${credentialId}`);
}

/**
 * What a tracked link points at; null for a code Laurel never handed out, and for a link to a
 * credential its learner has since made private, unless the signed-in person may still see it
 * (the learner, the issuer's members): a private credential does not exist for strangers, so
 * an old link neither leads to it nor counts a click.
 */
export async function findShareLink(code: string) {
  if (!/^[0-9A-Za-z]{6,32}$/.test(code)) return null;
  const link = await db.shareLink.findUnique({
    where: { code },
    select: { code: true, channel: true, credentialId: true, credential: { select: { organizationId: true, backpackEntry: { select: { visibility: true } } } } },
  });
  if (!link) return null;
  if (link.credential.backpackEntry?.visibility === "private") {
    const viewer = await getSessionUser().catch(() => null);
    if (!(await canViewCredential(link.credentialId, viewer?.id))) return null;
  }
  return { code: link.code, channel: link.channel, credentialId: link.credentialId, credential: { organizationId: link.credential.organizationId } };
}
