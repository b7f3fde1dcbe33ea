import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  // env("DATABASE_URL") throws when unset; the embedded database needs no URL.
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/placeholder" },
});
