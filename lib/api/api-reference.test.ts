import { compileErrors, validate } from "@readme/openapi-parser";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import enCatalog from "@/lib/i18n/messages/en.apiReference.json";
import esCatalog from "@/lib/i18n/messages/es.apiReference.json";
import { responseExample } from "./examples";
import { FIELD_GROUPS, HEADER_GROUP, PATH_GROUP, describeField, eachField, fieldKeys, operationText, type DocLocale } from "./field-docs";
import { documentedBodySchema, documentedResponseSchema, openApiDocument, resourceOf } from "./openapi";
import { jsonSchemaOf } from "./openapi-schema";
import { operations, type Operation, type OperationId } from "./operations";
import { apiReference } from "./reference";

type Schema = Parameters<typeof eachField>[0];
type Parameter = { name: string; in: string; description?: string };
type DocOperation = {
  operationId: OperationId;
  summary: string;
  description: string;
  parameters: Parameter[];
  requestBody?: { content: { "application/json": { schema: Schema; example?: unknown } } };
  responses: Record<string, { content?: { "application/json": { schema: Schema; example?: unknown } } }>;
};

const document = openApiDocument() as { paths: Record<string, Record<string, DocOperation>> };
const documented = Object.values(document.paths).flatMap((methods) => Object.values(methods));
const entries = Object.entries(operations) as [OperationId, Operation][];
const LOCALES: DocLocale[] = ["en", "es"];

/** Every described thing of the document: [where, group, path, its English description]. */
function everyField(): { where: string; group: string; path: string[]; english?: string }[] {
  const found: { where: string; group: string; path: string[]; english?: string }[] = [];
  for (const operation of documented) {
    const id = operation.operationId;
    const path = operations[id].path;
    for (const parameter of operation.parameters) {
      const [group, fieldPath] =
        parameter.in === "path" ? [PATH_GROUP, [resourceOf(path), parameter.name]] : parameter.in === "header" ? [HEADER_GROUP, [parameter.name]] : [FIELD_GROUPS[id].query!, [parameter.name]];
      found.push({ where: `${id} ${parameter.in} parameter ${parameter.name}`, group, path: fieldPath, english: parameter.description });
    }
    const body = operation.requestBody?.content["application/json"].schema;
    eachField(body, (fieldPath, field, shownAs) => found.push({ where: `${id} request ${shownAs}`, group: FIELD_GROUPS[id].body!, path: fieldPath, english: field.description }));
    for (const [status, response] of Object.entries(operation.responses).filter(([status]) => status.startsWith("2"))) {
      eachField(response.content?.["application/json"].schema, (fieldPath, field, shownAs) =>
        found.push({ where: `${id} ${status} ${shownAs}`, group: FIELD_GROUPS[id].response!, path: fieldPath, english: field.description }),
      );
    }
  }
  return found;
}

describe("the API reference's words", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await validate(structuredClone(openApiDocument()) as Parameters<typeof validate>[0]);
    expect(result.valid, result.valid ? "" : compileErrors(result)).toBe(true);
  });

  it("documents every operation with a summary and a description in English and Spanish", () => {
    expect(documented.map((operation) => operation.operationId).sort()).toEqual(entries.map(([id]) => id).sort());
    for (const operation of documented) {
      const id = operation.operationId;
      const en = operationText("en", id);
      const es = operationText("es", id);
      expect(operation.summary, id).toBe(en.summary);
      expect(operation.description, id).toBe(en.description);
      for (const text of [en.summary, en.description, es.summary, es.description]) expect(text?.trim().length, id).toBeGreaterThan(0);
      expect(es.summary, `${id} summary is not translated`).not.toBe(en.summary);
      expect(es.description, `${id} description is not translated`).not.toBe(en.description);
      // The operations table's own words are the English ones.
      expect(en.summary, id).toBe(operations[id].summary);
      if ("description" in operations[id]) expect(en.description, id).toBe((operations[id] as Operation).description);
    }
  });

  it("describes every parameter and every field of every request and answer, in English and in Spanish", () => {
    const fields = everyField();
    expect(fields.length).toBeGreaterThan(300);
    const missing: string[] = [];
    for (const { where, group, path, english } of fields) {
      if (!english?.trim()) missing.push(`${where}: no English description in the document`);
      for (const locale of LOCALES) if (!describeField(locale, group, path)?.trim()) missing.push(`${where}: no ${locale} description (${group}: ${path.join("/")})`);
    }
    expect(missing).toEqual([]);
  });

  it("says in English what the shared schemas say, where they say something", () => {
    const differing: string[] = [];
    for (const [id, operation] of entries) {
      const pairs: [Schema | undefined, Schema | undefined][] = [
        [operation.body ? jsonSchemaOf(operation.body, "input") : undefined, documentedBodySchema(id)],
        [operation.response ? jsonSchemaOf(operation.response, "output") : undefined, documentedResponseSchema(id)],
      ];
      for (const [own, described] of pairs) {
        const ownWords = new Map<string, string>();
        eachField(own, (_path, field, shownAs) => field.description && ownWords.set(shownAs, field.description));
        eachField(described, (_path, field, shownAs) => {
          const words = ownWords.get(shownAs);
          if (words && words !== field.description) differing.push(`${id} ${shownAs}: schema says "${words}", catalog says "${field.description}"`);
        });
      }
    }
    expect(differing).toEqual([]);
  });

  it("keeps no description that no field uses", () => {
    const used = new Set<string>();
    for (const { group, path } of everyField()) {
      const key = fieldKeys(group, path).find(([g, k]) => (enCatalog.apiReference.fields as Record<string, Record<string, string>>)[g]?.[k]);
      if (key) used.add(key.join(" "));
    }
    for (const catalog of [enCatalog, esCatalog]) {
      const keys = Object.entries(catalog.apiReference.fields as Record<string, Record<string, string>>).flatMap(([group, texts]) => Object.keys(texts).map((key) => `${group} ${key}`));
      expect(keys.filter((key) => !used.has(key))).toEqual([]);
    }
  });

  it("gives request examples that fit their request schema, and answer examples that fit their answer schema", () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    for (const [id, operation] of entries) {
      const documentedOperation = document.paths[operation.path][operation.method.toLowerCase()];
      if (operation.body) {
        const { schema, example } = documentedOperation.requestBody!.content["application/json"];
        expect(example, `${id} has no request example`).toBeDefined();
        expect(ajv.validate(schema as object, example), `${id} request: ${ajv.errorsText()}`).toBe(true);
        expect(operation.body.safeParse(example).success, id).toBe(true);
      }
      const success = documentedOperation.responses[String(operation.successStatus)];
      if (!operation.response) {
        expect(success.content, id).toBeUndefined();
        continue;
      }
      const { schema, example } = success.content!["application/json"];
      expect(example, `${id} has no answer example`).toBeDefined();
      expect(example, id).toEqual(responseExample(id));
      expect(ajv.validate(schema as object, example), `${id} answer: ${ajv.errorsText()}`).toBe(true);
      expect(operation.response.safeParse(example).success, id).toBe(true);
    }
  });

  it("shows on the reference page, in each language, the document's operations with the same examples", () => {
    for (const locale of LOCALES) {
      const { endpoints } = apiReference(locale);
      expect(endpoints.map((endpoint) => endpoint.id)).toEqual(entries.map(([id]) => id));
      for (const endpoint of endpoints) {
        const operation = document.paths[endpoint.path][endpoint.method.toLowerCase()];
        expect(endpoint.summary, endpoint.id).toBe(operationText(locale, endpoint.id).summary);
        const requestExample = operation.requestBody?.content["application/json"].example;
        expect(endpoint.requestExample === undefined ? undefined : JSON.parse(endpoint.requestExample), endpoint.id).toEqual(requestExample);
        const answer = operation.responses[String(endpoint.successStatus)].content?.["application/json"].example;
        expect(endpoint.responseExample === undefined ? undefined : JSON.parse(endpoint.responseExample), endpoint.id).toEqual(answer);
        for (const field of [...endpoint.parameters, ...endpoint.bodyFields, ...endpoint.responseFields]) expect(field.description, `${locale} ${endpoint.id} ${field.name}`).toBeTruthy();
      }
    }
    // Spanish readers get Spanish words for the same field.
    const es = apiReference("es").endpoints.find((endpoint) => endpoint.id === "createCredential")!;
    expect(es.bodyFields.find((field) => field.name === "recipient.email")?.description).toBe("La dirección de correo del destinatario");
  });
});
