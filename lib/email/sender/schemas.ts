import { z } from "zod";
import { emailSchema } from "@/lib/auth/schemas";

/** A host name Laurel could publish records for: labels of letters, digits and hyphens, a real TLD. */
const DOMAIN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** The part after @, as DNS records name it. */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf("@") + 1).toLowerCase();
}

/**
 * The sender form: the address mail goes from once its domain is proven, and an optional
 * reply-to. An IP literal, a bare host or a domain Laurel itself sends from is refused.
 */
export const emailSenderSchema = z.object({
  fromAddress: emailSchema.refine((address) => DOMAIN.test(domainOf(address)), { message: "sender_domain_invalid" }),
  replyTo: z.preprocess((value) => (value === "" ? undefined : value), emailSchema.optional()),
});

export type EmailSenderInput = z.infer<typeof emailSenderSchema>;
