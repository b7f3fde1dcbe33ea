import { describe, expect, it } from "vitest";
import { didWebDocumentUrl } from "./did-web";

describe("did:web document URLs", () => {
  it.each([
    ["did:web:example.com", "https://example.com/.well-known/did.json"],
    ["did:web:example.com:user:alice", "https://example.com/user/alice/did.json"],
    ["did:web:localhost%3A8443:o:1", "https://localhost:8443/o/1/did.json"],
    ["did:web:digitalcredentials.github.io:dcc-did-web:multikey", "https://digitalcredentials.github.io/dcc-did-web/multikey/did.json"],
  ])("%s → %s", (did, url) => {
    expect(didWebDocumentUrl(did)).toBe(url);
  });

  it.each(["did:web:", "did:key:z6Mk", "did:web:example.com:..:etc", "did:web:evil.com%2F@internal", "did:web:example.com::x"])("refuses %s", (did) => {
    expect(() => didWebDocumentUrl(did)).toThrow();
  });
});
