import { expect, it } from "vitest";
import { diffMigrationsToSchema } from "./schema-diff.ts";

it("schema.prisma and prisma/migrations agree", async () => {
  const missing = await diffMigrationsToSchema();
  expect(
    missing,
    "schema.prisma has changes that no migration makes: run `npm run db:migration -- <name>` and commit the new migration",
  ).toBe("");
});
