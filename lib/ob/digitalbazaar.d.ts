// The Digital Bazaar JSON-LD signature libraries ship no type declarations; lib/ob wraps
// them behind typed functions, so untyped imports are acceptable here.
declare module "@digitalbazaar/data-integrity";
declare module "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
declare module "@digitalbazaar/ed25519-multikey";
declare module "@digitalbazaar/ed25519-signature-2018";
declare module "@digitalbazaar/ed25519-signature-2020";
declare module "@digitalbazaar/ed25519-verification-key-2018";
declare module "@digitalbazaar/vc";
declare module "@digitalbazaar/vc-status-list-context";
declare module "jsonld";
declare module "rdf-canonize";
