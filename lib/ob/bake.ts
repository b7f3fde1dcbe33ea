// Baking a credential into its badge image (and reading it back): see bake/index.ts.
export * from "./bake/index";
