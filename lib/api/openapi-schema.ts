import { z } from "zod";

type JsonSchema = Record<string, unknown>;

/**
 * The JSON Schema of a zod schema as the API sees it. Requests are described by what a client
 * sends (`io: "input"`: defaults optional, dates as strings); answers by what it receives.
 */
export function jsonSchemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
    override: (ctx) => {
      // zod has no JSON form for Date; on the wire dates are ISO 8601 strings.
      if ((ctx.zodSchema as { _zod: { def: { type: string } } })._zod.def.type === "date") {
        ctx.jsonSchema.type = "string";
        ctx.jsonSchema.format = "date-time";
      }
    },
  }) as JsonSchema;
  return json;
}

