export * from "./contexts";
export * from "./document-loader";
export * from "./keys";
