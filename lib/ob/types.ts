// Shapes of the Open Badges 3.0 documents Laurel produces (a subset of OB 3.0.3; the JSON
// schema in ./schemas is the authority). Type aliases, not interfaces, so that they stay
// assignable to Record<string, unknown>.

export type JsonLdContext = Array<string | Record<string, unknown>>;

export type ObImage = { id: string; type: "Image"; caption?: string };

export type Multikey = {
  id: string;
  type: "Multikey";
  controller: string;
  publicKeyMultibase: string;
  publicKeyJwk?: { kty: "OKP"; crv: "Ed25519"; x: string };
};

export type Profile = {
  "@context"?: JsonLdContext;
  id: string;
  type: string[];
  name: string;
  url?: string;
  email?: string;
  description?: string;
  image?: ObImage;
  verificationMethod?: Multikey[];
  assertionMethod?: string[];
  [extra: string]: unknown;
};

export type Alignment = {
  type: string[];
  targetName: string;
  targetUrl: string;
  targetFramework?: string;
  targetCode?: string;
  targetDescription?: string;
  targetType?: string;
};

export type Criteria = { id?: string; narrative?: string };

export type Achievement = {
  "@context"?: JsonLdContext;
  id: string;
  type: string[];
  name: string;
  description: string;
  criteria: Criteria;
  image?: ObImage;
  achievementType?: string;
  alignment?: Alignment[];
  tag?: string[];
  resultDescription?: Array<Record<string, unknown>>;
  creator?: Record<string, unknown>;
  [extra: string]: unknown;
};

export type IdentityObject = {
  type: "IdentityObject";
  identityHash: string;
  identityType: string;
  hashed: boolean;
  salt?: string;
};

export type AchievementSubject = {
  id?: string;
  type: string[];
  name?: string;
  identifier?: IdentityObject[];
  achievement: Record<string, unknown>;
  result?: Array<Record<string, unknown>>;
  narrative?: string;
  [extra: string]: unknown;
};

export type Evidence = { id?: string; type: string[]; narrative?: string; name?: string; description?: string };

export type CredentialSchemaRef = { id: string; type: string };

export type DataIntegrityProofValue = {
  type: "DataIntegrityProof";
  cryptosuite: string;
  created?: string;
  verificationMethod: string;
  proofPurpose: string;
  proofValue: string;
  [extra: string]: unknown;
};

export type OpenBadgeCredential = {
  "@context": JsonLdContext;
  id: string;
  type: string[];
  name: string;
  description?: string;
  image?: ObImage;
  issuer: Record<string, unknown>;
  validFrom: string;
  validUntil?: string;
  awardedDate?: string;
  credentialSubject: AchievementSubject;
  evidence?: Evidence[];
  credentialStatus?: Record<string, unknown> | Array<Record<string, unknown>>;
  credentialSchema?: CredentialSchemaRef[];
  proof?: Array<Record<string, unknown>>;
  [extra: string]: unknown;
};
