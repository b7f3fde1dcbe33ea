import { z } from "zod";

/** OB 3.0 achievement types (the spec's AchievementType enumeration). */
export const ACHIEVEMENT_TYPES = [
  "Achievement", "ApprenticeshipCertificate", "Assessment", "Assignment", "AssociateDegree", "Award", "Badge",
  "BachelorDegree", "Certificate", "CertificateOfCompletion", "Certification", "CommunityService", "Competency",
  "Course", "CoCurricular", "Degree", "Diploma", "DoctoralDegree", "Fieldwork", "GeneralEducationDevelopment",
  "JourneymanCertificate", "LearningProgram", "License", "Membership", "ProfessionalDoctorate", "QualityAssuranceCredential",
  "MasterCertificate", "MasterDegree", "MicroCredential", "ResearchDoctorate", "SecondarySchoolDiploma",
] as const;

const httpUrl = z.url({ protocol: /^https?$/ }).max(2000);

export const alignmentSchema = z.object({
  targetName: z.string().trim().min(1).max(200),
  targetUrl: httpUrl,
  targetFramework: z.string().trim().max(200).optional(),
  targetCode: z.string().trim().max(100).optional(),
  targetDescription: z.string().trim().max(1000).optional(),
});

export const achievementInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(5000),
  criteria: z
    .object({ narrative: z.string().trim().max(20000).optional(), id: httpUrl.optional() })
    .refine((c) => Boolean(c.narrative || c.id), "criteria_required"),
  achievementType: z.enum(ACHIEVEMENT_TYPES).default("Badge"),
  image: httpUrl.optional(),
  tags: z.array(z.string().trim().min(1).max(50)).max(30).default([]),
  alignment: z.array(alignmentSchema).max(30).default([]),
  howToEarnUrl: httpUrl.optional(),
});

export const evidenceSchema = z.object({
  id: httpUrl.optional(),
  name: z.string().trim().max(200).optional(),
  narrative: z.string().trim().max(10000).optional(),
  description: z.string().trim().max(2000).optional(),
});

export const issueCredentialSchema = z
  .object({
    achievementId: z.string().min(1),
    recipient: z.object({ email: z.string().trim().toLowerCase().pipe(z.email()), name: z.string().trim().max(200).optional() }),
    validFrom: z.coerce.date().optional(),
    validUntil: z.coerce.date().optional(),
    evidence: z.array(evidenceSchema).max(20).default([]),
    narrative: z.string().trim().max(10000).optional(),
  })
  .refine((input) => !input.validUntil || input.validUntil > (input.validFrom ?? new Date()), {
    message: "valid_until_before_valid_from",
    path: ["validUntil"],
  });

export const revokeCredentialSchema = z.object({ reason: z.string().trim().min(1).max(500) });

export type AchievementInput = z.infer<typeof achievementInputSchema>;
export type IssueCredentialInput = z.infer<typeof issueCredentialSchema>;
