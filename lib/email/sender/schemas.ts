import { z } from "zod";
import { emailSchema } from "@/lib/auth/schemas";
import { DOMAIN_NAME, domainOf } from "@/lib/net/domain-names";

/**
 * The sender form: the address mail goes from once its domain is proven, and an optional
 * reply-to. An IP literal, a bare host or a domain Laurel itself sends from is refused.
 */
export const emailSenderSchema = z.object({
  fromAddress: emailSchema.refine((address) => DOMAIN_NAME.test(domainOf(address)), { message: "sender_domain_invalid" }),
  replyTo: z.preprocess((value) => (value === "" ? undefined : value), emailSchema.optional()),
});

export type EmailSenderInput = z.infer<typeof emailSenderSchema>;
