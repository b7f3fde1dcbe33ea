// JSON Schema validation against 1EdTech's published OB 3.0 schemas (bundled copies, draft
// 2019-09). Compiled once per process.
import { Ajv2019, type ErrorObject, type ValidateFunction } from "ajv/dist/2019.js";
import addFormatsModule from "ajv-formats";
import achievementCredentialSchema from "./schemas/achievementcredential.json" with { type: "json" };
import endorsementCredentialSchema from "./schemas/endorsementcredential.json" with { type: "json" };

export type SchemaValidationResult = { valid: boolean; errors: Array<{ path: string; message: string }> };

// ajv-formats is CommonJS; depending on the loader its default import is the plugin or the module.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2019) => Ajv2019;

let validators: { achievement: ValidateFunction; endorsement: ValidateFunction } | undefined;

function compiled() {
  if (!validators) {
    // strict: false because 1EdTech's generated schemas use keywords Ajv's strict mode flags
    // (e.g. "$comment" next to "$ref", tuple "items" without "minItems").
    const ajv = new Ajv2019({ allErrors: true, strict: false });
    addFormats(ajv);
    validators = {
      achievement: ajv.compile(achievementCredentialSchema),
      endorsement: ajv.compile(endorsementCredentialSchema),
    };
  }
  return validators;
}

function describe(errors: ErrorObject[] | null | undefined): SchemaValidationResult["errors"] {
  return (errors ?? []).map((error) => {
    const missing = error.keyword === "required" ? (error.params as { missingProperty?: string }).missingProperty : undefined;
    const path = missing ? `${error.instancePath}/${missing}` : error.instancePath || "/";
    return { path, message: missing ? "is required" : (error.message ?? error.keyword) };
  });
}

function run(validate: ValidateFunction, value: unknown): SchemaValidationResult {
  const valid = validate(value) as boolean;
  return { valid, errors: valid ? [] : describe(validate.errors) };
}

/** Validates an OpenBadgeCredential / AchievementCredential against 1EdTech's schema. */
export function validateAchievementCredential(credential: unknown): SchemaValidationResult {
  return run(compiled().achievement, credential);
}

/** Validates an EndorsementCredential against 1EdTech's schema. */
export function validateEndorsementCredential(credential: unknown): SchemaValidationResult {
  return run(compiled().endorsement, credential);
}
