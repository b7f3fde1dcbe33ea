import enMessages from "@/lib/i18n/messages/en.apiReference.json";
import esMessages from "@/lib/i18n/messages/es.apiReference.json";
import type { OperationId } from "./operations";

/**
 * The words of the API reference, in each language: what each operation does and what each of
 * its fields means. They live in the message catalog (en.apiReference.json, es.apiReference.json)
 * and feed both the OpenAPI document (English) and the reference page (the reader's language).
 *
 * A field is found by its group (the shape it belongs to, shared by the operations that send or
 * answer it) and its path inside that shape, `recipient/email`; the most specific key wins, then
 * the path without a leading wrapper (`data/id` and `previous/totals/issued` fall back to `id` and
 * `totals/issued`), then the group `common` (`data`, `nextCursor` of every list).
 */
export type DocLocale = "en" | "es";

type Texts = {
  operations: Record<string, { summary: string; description: string }>;
  fields: Record<string, Record<string, string>>;
};

const TEXTS: Record<DocLocale, Texts> = {
  en: enMessages.apiReference as unknown as Texts,
  es: esMessages.apiReference as unknown as Texts,
};

/** The shape each part of each operation is described under. */
export const FIELD_GROUPS: Record<OperationId, { query?: string; body?: string; response?: string }> = {
  listAchievements: { query: "page", response: "achievement" },
  createAchievement: { body: "achievement", response: "achievement" },
  getAchievement: { response: "achievement" },
  listCredentials: { query: "credentialQuery", response: "credential" },
  createCredential: { body: "credentialInput", response: "credential" },
  getCredential: { response: "credential" },
  revokeCredential: { body: "revoke", response: "credential" },
  bulkIssueCredentials: { body: "bulk", response: "job" },
  getJob: { response: "job" },
  getAnalyticsSummary: { query: "analyticsQuery", response: "analytics" },
  listPrograms: { query: "programQuery", response: "program" },
  createProgram: { body: "program", response: "program" },
  getProgram: { response: "program" },
  updateProgram: { body: "program", response: "program" },
  addProgramRule: { body: "rule", response: "rule" },
  getProgramLeaderboard: { response: "leaderboard" },
  deleteProgramRule: {},
  sendEvents: { body: "events", response: "eventsResult" },
  verifyCredential: { body: "verify", response: "verification" },
  getLearnerProgress: { query: "progressQuery", response: "progress" },
  listWebhooks: { response: "webhook" },
  createWebhook: { body: "webhook", response: "webhook" },
  getWebhook: { response: "webhook" },
  updateWebhook: { body: "webhook", response: "webhook" },
  deleteWebhook: {},
  rotateWebhookSecret: { response: "webhookSecret" },
  listWebhookDeliveries: { query: "page", response: "delivery" },
  redeliverWebhook: { response: "delivery" },
  getWebhookSample: { response: "webhookSample" },
  listSsoConnections: { response: "ssoConnection" },
  createSsoConnection: { body: "ssoConnectionInput", response: "ssoConnection" },
  deleteSsoConnection: {},
  verifySsoDomains: { response: "ssoConnection" },
  listLtiPlatforms: { response: "ltiPlatform" },
  createLtiPlatform: { body: "ltiPlatformInput", response: "ltiPlatform" },
};

/** The group of an operation's path parameters, and of its headers. */
export const PATH_GROUP = "path";
export const HEADER_GROUP = "headers";

export function operationText(locale: DocLocale, id: OperationId): { summary: string; description: string } {
  return TEXTS[locale].operations[id];
}

/** Wrappers whose fields mean what the same fields mean unwrapped: a list's items, the period before. */
const WRAPPERS = new Set(["data", "previous"]);

/** The keys tried for a field, most specific first. */
export function fieldKeys(group: string, path: string[]): [string, string][] {
  const keys: [string, string][] = [[group, path.join("/")]];
  let start = 0;
  while (start < path.length - 1 && WRAPPERS.has(path[start])) keys.push([group, path.slice(++start).join("/")]);
  keys.push(["common", path.join("/")]);
  return keys;
}

/** The description of a field, or undefined when the catalog has none. */
export function describeField(locale: DocLocale, group: string, path: string[]): string | undefined {
  for (const [g, key] of fieldKeys(group, path)) {
    const text = TEXTS[locale].fields[g]?.[key];
    if (text) return text;
  }
  return undefined;
}

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  description?: string;
  [key: string]: unknown;
};

/**
 * Every named field of a JSON Schema, depth first: its path (array items and alternatives keep
 * their parent's path), the name a reader sees (`recipients[].email`) and its schema. A field
 * that several alternatives share is visited once per alternative.
 */
export function eachField(schema: JsonSchema | undefined, visit: (path: string[], field: JsonSchema, shownAs: string) => void, path: string[] = [], shownAs = ""): void {
  if (!schema || typeof schema !== "object") return;
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const shown = shownAs ? `${shownAs}.${name}` : name;
    visit([...path, name], property, shown);
    eachField(property, visit, [...path, name], shown);
  }
  if (schema.items) eachField(schema.items, visit, path, shownAs ? `${shownAs}[]` : "[]");
  for (const alternatives of [schema.anyOf, schema.oneOf, schema.allOf]) for (const alternative of alternatives ?? []) eachField(alternative, visit, path, shownAs);
}

/** A copy of the schema whose every field carries its description in `locale`. */
export function withDescriptions<T extends object>(schema: T, group: string, locale: DocLocale = "en"): T {
  const copy = structuredClone(schema) as JsonSchema;
  eachField(copy, (path, field) => {
    const text = describeField(locale, group, path);
    if (text) field.description = text;
  });
  return copy as T;
}
