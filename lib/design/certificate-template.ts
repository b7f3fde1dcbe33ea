import { z } from "zod";

/** How an achievement's certificate is laid out; null on the achievement means "no certificate". */
export const PAPER_SIZES = ["A4", "Letter"] as const;

export const certificateSignerSchema = z.object({
  name: z.string().trim().min(1).max(100),
  title: z.string().trim().max(100).optional(),
});

export const certificateTemplateSchema = z.object({
  paperSize: z.enum(PAPER_SIZES).default("A4"),
  signers: z.array(certificateSignerSchema).max(3).default([]),
});

export type CertificateTemplate = z.output<typeof certificateTemplateSchema>;
