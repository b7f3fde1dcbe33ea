// Every JSON-LD context Laurel reads or writes, bundled so that JSON-LD processing
// (signing, verifying, framing) never touches the network. The files are verbatim copies
// of the published contexts (W3C, 1EdTech, Digital Bazaar npm packages).
import credentialsV1 from "./contexts/credentials-v1.json" with { type: "json" };
import credentialsV2 from "./contexts/credentials-v2.json" with { type: "json" };
import credentialsUndefinedTermsV2 from "./contexts/credentials-undefined-terms-v2.json" with { type: "json" };
import dataIntegrityV1 from "./contexts/data-integrity-v1.json" with { type: "json" };
import dataIntegrityV2 from "./contexts/data-integrity-v2.json" with { type: "json" };
import didV1 from "./contexts/did-v1.json" with { type: "json" };
import ed25519Signature2018V1 from "./contexts/ed25519-signature-2018-v1.json" with { type: "json" };
import ed25519Signature2020V1 from "./contexts/ed25519-signature-2020-v1.json" with { type: "json" };
import multikeyV1 from "./contexts/multikey-v1.json" with { type: "json" };
import obV3p0Context from "./contexts/ob-v3p0-context.json" with { type: "json" };
import obV3p0Context301 from "./contexts/ob-v3p0-context-3.0.1.json" with { type: "json" };
import obV3p0Context302 from "./contexts/ob-v3p0-context-3.0.2.json" with { type: "json" };
import obV3p0Context303 from "./contexts/ob-v3p0-context-3.0.3.json" with { type: "json" };
import obV3p0Extensions from "./contexts/ob-v3p0-extensions.json" with { type: "json" };
import openBadgesV1 from "./contexts/openbadges-v1.json" with { type: "json" };
import openBadgesV2 from "./contexts/openbadges-v2.json" with { type: "json" };
import securityV1 from "./contexts/security-v1.json" with { type: "json" };
import securityV2 from "./contexts/security-v2.json" with { type: "json" };
import bitstringStatusListV1 from "./contexts/vc-bitstring-status-list-v1.json" with { type: "json" };
import statusList2021V1 from "./contexts/vc-status-list-2021-v1.json" with { type: "json" };

export const VC_V2 = "https://www.w3.org/ns/credentials/v2";
export const VC_V1 = "https://www.w3.org/2018/credentials/v1";
export const OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
export const OB_V3_EXTENSIONS = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json";
export const OB_V2 = "https://w3id.org/openbadges/v2";
export const MULTIKEY_V1 = "https://w3id.org/security/multikey/v1";
export const DATA_INTEGRITY_V2 = "https://w3id.org/security/data-integrity/v2";
export const ED25519_2020_V1 = "https://w3id.org/security/suites/ed25519-2020/v1";
export const ED25519_2018_V1 = "https://w3id.org/security/suites/ed25519-2018/v1";
export const DID_V1 = "https://www.w3.org/ns/did/v1";
export const SECURITY_V2 = "https://w3id.org/security/v2";

// The document loader hands out these very instances so jsonld can cache resolved contexts.
// Only the map is frozen: jsonld rewrites relative context URLs in place, which a deep freeze
// would turn into a TypeError (none of these contexts has relative URLs, so nothing changes).
export const CONTEXTS: Record<string, object> = Object.freeze({
  [VC_V2]: credentialsV2,
  [VC_V1]: credentialsV1,
  "https://www.w3.org/ns/credentials/undefined-terms/v2": credentialsUndefinedTermsV2,
  [OB_V3]: obV3p0Context303,
  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json": obV3p0Context302,
  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json": obV3p0Context301,
  "https://purl.imsglobal.org/spec/ob/v3p0/context.json": obV3p0Context,
  [OB_V3_EXTENSIONS]: obV3p0Extensions,
  [MULTIKEY_V1]: multikeyV1,
  "https://w3id.org/security/data-integrity/v1": dataIntegrityV1,
  [DATA_INTEGRITY_V2]: dataIntegrityV2,
  [ED25519_2020_V1]: ed25519Signature2020V1,
  [ED25519_2018_V1]: ed25519Signature2018V1,
  [DID_V1]: didV1,
  "https://w3id.org/security/v1": securityV1,
  [SECURITY_V2]: securityV2,
  [OB_V2]: openBadgesV2,
  "https://w3id.org/openbadges/v1": openBadgesV1,
  // Not Laurel's own, but common in the credentials it verifies: other issuers' and wallets'
  // status lists (StatusList2021, Bitstring Status List).
  "https://w3id.org/vc/status-list/2021/v1": statusList2021V1,
  "https://www.w3.org/ns/credentials/status/v1": bitstringStatusListV1,
});
