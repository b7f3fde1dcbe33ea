import { z } from "zod";
import { dateSchema } from "@/lib/dates";
import { UNSAFE_TEXT_CODE, isSafeText, safeText } from "@/lib/text";
import { badgeDesignSchema, shortenTitle } from "@/lib/design/badge-design";
import { certificateTemplateInputSchema } from "@/lib/design/certificate-template";

/** OB 3.0 achievement types (the spec's AchievementType enumeration). */
export const ACHIEVEMENT_TYPES = [
  "Achievement", "ApprenticeshipCertificate", "Assessment", "Assignment", "AssociateDegree", "Award", "Badge",
  "BachelorDegree", "Certificate", "CertificateOfCompletion", "Certification", "CommunityService", "Competency",
  "Course", "CoCurricular", "Degree", "Diploma", "DoctoralDegree", "Fieldwork", "GeneralEducationDevelopment",
  "JourneymanCertificate", "LearningProgram", "License", "Membership", "ProfessionalDoctorate", "QualityAssuranceCredential",
  "MasterCertificate", "MasterDegree", "MicroCredential", "ResearchDoctorate", "SecondarySchoolDiploma",
] as const;

export const EXPIRY_UNITS = ["days", "months"] as const;

const httpUrl = z.url({ protocol: /^https?$/ }).max(2000).refine(isSafeText, UNSAFE_TEXT_CODE);

export const alignmentSchema = z.object({
  targetName: safeText().trim().min(1).max(200),
  targetUrl: httpUrl,
  targetFramework: safeText().trim().max(200).optional(),
  targetCode: safeText().trim().max(100).optional(),
  targetDescription: safeText().trim().max(1000).optional(),
});

export const achievementInputSchema = z.object({
  name: safeText().trim().min(1).max(200),
  description: safeText().trim().min(1).max(5000),
  criteria: z
    .object({ narrative: safeText().trim().max(20000).optional(), id: httpUrl.optional() })
    .refine((c) => Boolean(c.narrative || c.id), "criteria_required"),
  achievementType: z.enum(ACHIEVEMENT_TYPES).default("Badge"),
  image: httpUrl.optional(),
  tags: z.array(safeText().trim().min(1).max(50)).max(30).default([]),
  alignment: z.array(alignmentSchema).max(30).default([]),
  howToEarnUrl: httpUrl.optional(),
  /** Credentials expire this long after their issue date; absent means they never expire. */
  expiresAfter: z.object({ value: z.coerce.number().int().min(1).max(3650), unit: z.enum(EXPIRY_UNITS) }).optional(),
  evidenceRequired: z.boolean().default(false),
  /** The badge design; without one (and without `image`) a default design is rendered. */
  design: badgeDesignSchema.optional(),
  /** Certificate layout; null or absent means the achievement has no certificate. */
  certificate: certificateTemplateInputSchema.nullable().optional(),
});

export const evidenceSchema = z.object({
  id: httpUrl.optional(),
  name: safeText().trim().max(200).optional(),
  narrative: safeText().trim().max(10000).optional(),
  description: safeText().trim().max(2000).optional(),
});

export const issueCredentialSchema = z
  .object({
    achievementId: safeText().trim().min(1).max(100),
    recipient: z.object({ email: safeText().trim().toLowerCase().pipe(z.email()), name: safeText().trim().max(200).optional() }),
    validFrom: dateSchema.optional(),
    validUntil: dateSchema.optional(),
    evidence: z.array(evidenceSchema).max(20).default([]),
    narrative: safeText().trim().max(10000).optional(),
    /** The learner's result (a grade, a score, "Passed"), recorded as an OB Result. */
    result: safeText().trim().min(1).max(200).optional(),
  })
  .refine((input) => !input.validUntil || input.validUntil > (input.validFrom ?? new Date()), {
    message: "valid_until_before_valid_from",
    path: ["validUntil"],
  });

export const revokeCredentialSchema = z.object({ reason: safeText().trim().min(1).max(500) });

export type AchievementInput = z.infer<typeof achievementInputSchema>;

type Flat = Record<string, unknown>;

/** "alignment.0.targetName" → { alignment: [{ targetName }] }, dropping empty strings. */
function unflatten(flat: Flat): Flat {
  const root: Flat = {};
  for (const [path, raw] of Object.entries(flat)) {
    const value = typeof raw === "string" ? raw.trim() : raw;
    if (value === "" || value === undefined) continue;
    const keys = path.split(".");
    let node: Flat = root;
    keys.slice(0, -1).forEach((key) => {
      node[key] ??= {};
      node = node[key] as Flat;
    });
    node[keys[keys.length - 1]] = value;
  }
  return root;
}

const rows = (value: unknown) =>
  value && typeof value === "object"
    ? Object.entries(value as Flat)
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([, row]) => row)
    : [];

/**
 * The achievement form posts flat fields named after the input's paths ("criteria.narrative",
 * "alignment.0.targetUrl") so zod's error paths land beside the right field.
 */
function achievementFromForm(form: unknown): unknown {
  const input = unflatten(form as Flat);
  const tags = typeof input.tags === "string" ? input.tags.split(",").map((tag) => tag.trim()).filter(Boolean) : [];
  const expiry = input.expiresAfter as Flat | undefined;
  const certificate = input.certificate as Flat | undefined;
  const design = input.design as Flat | undefined;
  const file = input.imageFile instanceof File && input.imageFile.size > 0 ? input.imageFile : undefined;
  // A signer's signature upload and "remove" box travel beside the signer, not inside it; rows
  // left with neither a name nor a title are dropped, as before.
  const signerRows = certificate?.signers && typeof certificate.signers === "object" ? Object.entries(certificate.signers as Flat) : [];
  const signers = signerRows
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([i, raw]) => {
      // A posted "signature" is ignored: signatures come from checked uploads or the saved settings.
      const { signatureFile, removeSignature, signature: _posted, ...row } = (raw ?? {}) as Flat;
      const upload = signatureFile instanceof File && signatureFile.size > 0 ? signatureFile : undefined;
      return { row, change: { slot: Number(i), field: `certificate.signers.${i}.signatureFile`, file: upload, remove: removeSignature === "on" } };
    })
    .filter(({ row }) => Object.keys(row).length > 0);
  return {
    ...input,
    criteria: input.criteria ?? {},
    tags: [...new Set(tags)],
    alignment: rows(input.alignment),
    expiresAfter: expiry && expiry.unit && expiry.unit !== "none" ? expiry : undefined,
    evidenceRequired: input.evidenceRequired === "on",
    certificate: input.certificateEnabled === "on" ? { paperSize: certificate?.paperSize, layout: certificate?.layout, signers: signers.map(({ row }) => row) } : null,
    signatureChanges: input.certificateEnabled === "on" ? signers.map(({ change }) => change) : [],
    design:
      input.imageSource === "design" && design
        ? {
            ...design,
            border: design.border === "on",
            // An empty badge title takes the achievement's name rather than failing the form.
            title: typeof design.title === "string" && design.title.trim() ? design.title : shortenTitle(String(input.name ?? "")),
          }
        : undefined,
    imageFile: file,
  };
}

export const achievementFormSchema = z.preprocess(
  achievementFromForm,
  achievementInputSchema.extend({
    /** Draw the badge with the designer, upload a file, or keep the image it has. */
    imageSource: z.enum(["design", "upload", "keep"]).default("design"),
    imageFile: z.instanceof(File).optional(),
    /**
     * Per certificate signer, in order: the form row it came from (the saved signer shown there
     * keeps its signature), a new signature image, or whether to drop the saved one.
     */
    signatureChanges: z.array(z.object({ slot: z.number().int().min(0).max(2), field: z.string(), file: z.instanceof(File).optional(), remove: z.boolean() })).max(3).default([]),
    /** Present when editing. */
    achievementId: safeText().min(1).max(100).optional(),
  }),
);

export type AchievementFormInput = z.infer<typeof achievementFormSchema>;
export type IssueCredentialInput = z.infer<typeof issueCredentialSchema>;
