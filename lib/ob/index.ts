export * from "./build";
export * from "./contexts";
export * from "./document-loader";
export * from "./keys";
export * from "./schema";
export * from "./sign";
export * from "./types";
