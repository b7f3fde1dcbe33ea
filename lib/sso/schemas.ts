// Single sign-on connections' shapes, free of server imports: the REST API, its OpenAPI
// document and the dashboard's form read them.
import { z } from "zod";
import { DOMAIN_NAME } from "@/lib/net/domain-names";
import { isSafeText, UNSAFE_TEXT_CODE } from "@/lib/text";

import { SSO_DEFAULT_ROLES } from "./default-roles";

export { SSO_DEFAULT_ROLES };
export const MAX_SSO_DOMAINS = 20;
/** Pasted metadata larger than this is not metadata of one identity provider. */
export const MAX_METADATA_XML = 512 * 1024;

const text = (max: number) => z.string().trim().min(1, "required").max(max, "too_long").refine(isSafeText, UNSAFE_TEXT_CODE);

const httpUrl = (max: number) =>
  text(max).refine((value) => {
    try {
      const url = new URL(value);
      return /^https?:$/.test(url.protocol) && !url.username && !url.password && !url.hash;
    } catch {
      return false;
    }
  }, "url_invalid");

export const ssoDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253, "too_long")
  .refine(isSafeText, UNSAFE_TEXT_CODE)
  .transform((value) => value.replace(/^@/, "").replace(/\.$/, ""))
  .refine((value) => DOMAIN_NAME.test(value), "domain_invalid");

const common = {
  domains: z
    .array(ssoDomainSchema)
    .max(MAX_SSO_DOMAINS, "too_long")
    .default([])
    .transform((domains) => [...new Set(domains)])
    .describe("Email domains whose people sign in here; each is verified by a DNS TXT record (see the answer's domains)"),
  enforce: z.boolean().default(false).describe("Refuse password sign-in and magic links for addresses at the verified domains"),
  defaultRole: z.enum(SSO_DEFAULT_ROLES).default("viewer").describe("The role of someone who signs in through SSO for the first time"),
};

export const oidcConnectionSchema = z
  .object({
    type: z.literal("oidc"),
    issuer: httpUrl(500).describe("The OpenID Connect issuer; its discovery document is read at {issuer}/.well-known/openid-configuration"),
    clientId: text(500),
    clientSecret: text(2000).describe("Stored encrypted; never shown again"),
    ...common,
  })
  .strict();

export const samlConnectionSchema = z
  .object({
    type: z.literal("saml"),
    metadataXml: z.string().trim().min(1, "required").max(MAX_METADATA_XML, "too_long").refine(isSafeText, UNSAFE_TEXT_CODE).optional().describe("The identity provider's SAML 2.0 metadata"),
    metadataUrl: httpUrl(2000).optional().describe("Or where Laurel reads it (https)"),
    ...common,
  })
  .strict()
  .superRefine((value, context) => {
    if (!value.metadataXml === !value.metadataUrl) context.addIssue({ code: "custom", path: ["metadataXml"], message: "sso_metadata_one" });
  });

/** POST /api/v1/sso/connections */
export const ssoConnectionBodySchema = z.union([oidcConnectionSchema, samlConnectionSchema]);
export type SsoConnectionInput = z.infer<typeof ssoConnectionBodySchema>;

const domainViewSchema = z.object({
  domain: z.string(),
  txtName: z.string().describe("Where the TXT record goes: _laurel-challenge.{domain}"),
  txtValue: z.string().describe("What it holds: laurel-domain-verification={token}"),
  verified: z.boolean(),
});

export const ssoConnectionResponseSchema = z.object({
  id: z.string(),
  type: z.enum(["oidc", "saml"]),
  issuer: z.string().optional().describe("OIDC: the issuer"),
  clientId: z.string().optional().describe("OIDC: the client id (the secret is never shown)"),
  callbackUrl: z.string().optional().describe("OIDC: the redirect URI to register at the provider"),
  acsUrl: z.string().optional().describe("SAML: the Assertion Consumer Service URL (HTTP-POST)"),
  entityId: z.string().describe("SAML: Laurel's entity id (the audience); OIDC: the client id"),
  metadataUrl: z.string().optional().describe("SAML: Laurel's service provider metadata"),
  idpEntityId: z.string().optional().describe("SAML: the identity provider's entity id, from its metadata"),
  signInUrl: z.string().describe("Where a person's sign-in starts: /sign-in?email=…"),
  enforce: z.boolean(),
  defaultRole: z.enum(SSO_DEFAULT_ROLES),
  domains: z.array(domainViewSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SsoConnectionResponse = z.infer<typeof ssoConnectionResponseSchema>;

export const ssoConnectionListResponseSchema = z.object({ data: z.array(ssoConnectionResponseSchema) });

const onOff = z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean());
const optionalText = (max: number) => z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), text(max).optional());

/** The dashboard's form: one protocol's fields; an empty secret keeps the stored one. */
export const ssoFormSchema = z
  .object({
    protocol: z.enum(["oidc", "saml"]),
    issuer: optionalText(500),
    clientId: optionalText(500),
    clientSecret: optionalText(2000),
    metadataXml: z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), z.string().trim().max(MAX_METADATA_XML, "too_long").refine(isSafeText, UNSAFE_TEXT_CODE).optional()),
    metadataUrl: optionalText(2000),
    enforce: onOff,
    defaultRole: z.enum(SSO_DEFAULT_ROLES),
  })
  .superRefine((value, context) => {
    const required = (path: string) => context.addIssue({ code: "custom", path: [path], message: "required" });
    const checkUrl = (path: "issuer" | "metadataUrl") => {
      const result = httpUrl(2000).safeParse(value[path]);
      if (!result.success) context.addIssue({ code: "custom", path: [path], message: "url_invalid" });
    };
    if (value.protocol === "oidc") {
      if (!value.issuer) required("issuer");
      else checkUrl("issuer");
      if (!value.clientId) required("clientId");
    } else if (!value.metadataXml === !value.metadataUrl) {
      context.addIssue({ code: "custom", path: ["metadataXml"], message: "sso_metadata_one" });
    } else if (value.metadataUrl) {
      checkUrl("metadataUrl");
    }
  });
export type SsoFormInput = z.infer<typeof ssoFormSchema>;
