import { sampleWebhookEvent } from "@/lib/webhooks/catalog";
import { EXAMPLE_IDS, operations, type Operation, type OperationId } from "./operations";

/**
 * What each operation answers, as the reference and the OpenAPI document show it. A test checks
 * that every operation with an answer has one here and that it fits the answer's schema.
 */
const ORIGIN = "https://badges.example.org";
const ACHIEVEMENT_ID = EXAMPLE_IDS.achievement;
const PROGRAM_ID = EXAMPLE_IDS.program;
const CREDENTIAL_ID = "cexamplecredential000000001";

const achievement = {
  id: ACHIEVEMENT_ID,
  url: `${ORIGIN}/b/${ACHIEVEMENT_ID}`,
  name: "Data Literacy",
  description: "Reads charts and tables critically.",
  criteria: { narrative: "Pass the final assessment." },
  achievementType: "Badge",
  image: `${ORIGIN}/b/${ACHIEVEMENT_ID}/v/1/image.png`,
  tags: ["data"],
  alignment: [],
  version: 1,
  archived: false,
  createdAt: "2026-01-15T10:00:00.000Z",
};

const credential = {
  id: CREDENTIAL_ID,
  url: `${ORIGIN}/c/${CREDENTIAL_ID}`,
  status: "issued",
  achievementId: ACHIEVEMENT_ID,
  recipient: { email: "learner@example.com", name: "Lee Learner" },
  issuedAt: "2026-01-15T10:00:00.000Z",
  validFrom: "2026-01-15T10:00:00.000Z",
};

const job = {
  job: {
    id: "cexamplebulkjob00000000001",
    status: "queued",
    achievementId: ACHIEVEMENT_ID,
    total: 2,
    done: 0,
    failed: 0,
    issued: 0,
    skipped: 0,
    error: null,
    createdAt: "2026-01-15T10:00:00.000Z",
    finishedAt: null,
    url: `${ORIGIN}/dashboard/example-academy/credentials/bulk/cexamplebulkjob00000000001`,
  },
};

const rule = {
  id: "cexamplerule0000000000001",
  achievementId: ACHIEVEMENT_ID,
  achievementName: "Data Literacy",
  kind: "target",
  metric: "courses_completed",
  atLeast: 3,
  createdAt: "2026-01-15T10:00:00.000Z",
};

const program = {
  id: PROGRAM_ID,
  url: `${ORIGIN}/p/${PROGRAM_ID}`,
  name: "Data Academy",
  description: "Learn data skills one course at a time.",
  visibility: "public",
  archived: false,
  metrics: [{ key: "courses_completed", label: { en: "Courses completed", es: "Cursos completados" }, aggregate: "sum" }],
  rules: [rule],
  createdAt: "2026-01-15T10:00:00.000Z",
};

const webhook = {
  id: "cexamplewebhook00000000001",
  url: "https://hooks.example.com/laurel",
  description: "CRM sync",
  events: ["credential.issued", "credential.claimed"],
  enabled: true,
  disabledReason: null,
  failingSince: null,
  createdAt: "2026-01-15T10:00:00.000Z",
};

const delivery = {
  id: "cexampledelivery0000000001",
  eventId: "cexampleevent000000000001",
  eventType: "credential.issued",
  state: "succeeded",
  attempts: 1,
  nextAttemptAt: null,
  lastAttemptAt: "2026-01-15T10:00:01.000Z",
  responseStatus: 200,
  responseBody: "ok",
  error: null,
  createdAt: "2026-01-15T10:00:00.000Z",
};

const totals = (issued: number) => ({
  issued,
  emailed: issued,
  opened: Math.round(issued * 0.8),
  claimed: Math.round(issued * 0.7),
  declined: 0,
  sharedCredentials: Math.round(issued * 0.3),
  shares: Math.round(issued * 0.4),
  addedToProfile: Math.round(issued * 0.1),
  shareClicks: Math.round(issued * 0.9),
  earnClicks: Math.round(issued * 0.05),
  earnCredentials: Math.round(issued * 0.04),
  visitors: issued * 2,
  views: issued * 3,
  previews: issued,
  downloads: Math.round(issued * 0.2),
  verified: Math.round(issued * 0.1),
  revoked: 0,
  expired: 0,
});

const analytics = {
  from: "2026-01-01",
  to: "2026-01-30",
  days: 30,
  granularity: "day",
  achievementId: null,
  totals: totals(100),
  previous: { from: "2025-12-02", to: "2025-12-31", totals: totals(80), rates: { shareRate: 0.3, returnRate: 0.04 } },
  funnel: [
    { step: "issued", count: 100, rate: null },
    { step: "claimed", count: 70, rate: 0.7 },
    { step: "shared", count: 30, rate: 0.43 },
    { step: "clicked", count: 90, rate: 3 },
    { step: "cta_clicked", count: 5, rate: 0.06 },
  ],
  rates: { shareRate: 0.3, returnRate: 0.04 },
  benchmarks: { shareRate: { low: 0.05, high: 0.33 }, returnRate: { low: 0, high: 0.1 } },
  series: [{ date: "2026-01-01", issued: 4, claimed: 3, shared: 1, visitors: 6, shareClicks: 2 }],
  channels: [{ channel: "linkedin", visitors: 120, shareClicks: 80, shares: 25 }],
  achievements: [
    {
      id: ACHIEVEMENT_ID,
      name: "Data Literacy",
      url: `${ORIGIN}/b/${ACHIEVEMENT_ID}`,
      issued: 100,
      claimed: 70,
      sharedCredentials: 30,
      shareRate: 0.3,
      visitors: 200,
      shareClicks: 90,
      earnClicks: 5,
      topChannel: "linkedin",
      byChannel: { linkedin: 120, x: 10, facebook: 5, email: 20, embed: 0, web: 15, laurel: 10, direct: 20 },
    },
  ],
  referrers: [{ host: "www.linkedin.com", visitors: 120 }],
  bestSource: { achievementId: ACHIEVEMENT_ID, name: "Data Literacy", url: `${ORIGIN}/b/${ACHIEVEMENT_ID}`, channel: "linkedin", visitors: 120 },
  hasData: true,
  emails: [{ kind: "claim_reminder", goal: "claim", sent: 30, opened: 18, converted: 12 }],
  program: null,
};

const ssoConnection = {
  id: "cexamplessoconnection00001",
  type: "saml",
  acsUrl: `${ORIGIN}/sso/cexampleorganization000001/saml/acs`,
  entityId: `${ORIGIN}/sso/cexampleorganization000001/saml/metadata`,
  metadataUrl: `${ORIGIN}/sso/cexampleorganization000001/saml/metadata`,
  idpEntityId: "https://idp.example.com/saml",
  signInUrl: `${ORIGIN}/sign-in`,
  enforce: false,
  defaultRole: "viewer",
  domains: [{ domain: "academy.example", txtName: "_laurel-challenge.academy.example", txtValue: "laurel-domain-verification=4f1c2a9e8b7d6c5e4f3a2b1c0d9e8f7a", verified: false }],
  createdAt: "2026-01-15T10:00:00.000Z",
  updatedAt: "2026-01-15T10:00:00.000Z",
};

const LTI_PLATFORM_ID = "cexampleltiplatform0000001";
const ltiPlatform = {
  id: LTI_PLATFORM_ID,
  loginUrl: `${ORIGIN}/lti/cexampleorganization000001/login`,
  launchUrl: `${ORIGIN}/lti/cexampleorganization000001/launch`,
  deepLinkUrl: `${ORIGIN}/lti/cexampleorganization000001/deep-link`,
  jwksUrl: `${ORIGIN}/lti/cexampleorganization000001/jwks.json`,
  configUrl: `${ORIGIN}/lti/cexampleorganization000001/config.json`,
  platform: {
    issuer: "https://canvas.instructure.com",
    clientId: "10000000000042",
    authorizationUrl: "https://sso.canvaslms.com/api/lti/authorize_redirect",
    tokenUrl: "https://sso.canvaslms.com/login/oauth2/token",
    jwksUrl: "https://sso.canvaslms.com/api/lti/security/jwks",
    deploymentIds: ["42:8865aa05b4b79b64a91a86042e43af5ea8ae79eb"],
  },
  createdAt: "2026-01-15T10:00:00.000Z",
};

const WRITTEN: Partial<Record<OperationId, unknown>> = {
  getAnalyticsSummary: analytics,
  getWebhookSample: [sampleWebhookEvent("credential.issued", "cexampleorganization000001", ORIGIN)],
  listAchievements: { data: [achievement], nextCursor: null },
  createAchievement: achievement,
  getAchievement: achievement,
  listCredentials: { data: [credential], nextCursor: null },
  createCredential: credential,
  getCredential: { ...credential, status: "claimed", claimedAt: "2026-01-16T08:30:00.000Z" },
  revokeCredential: { ...credential, status: "revoked", revokedAt: "2026-02-01T09:00:00.000Z" },
  bulkIssueCredentials: job,
  getJob: { job: { ...job.job, status: "completed", done: 2, issued: 2, finishedAt: "2026-01-15T10:00:04.000Z" } },
  listPrograms: { data: [program] },
  createProgram: { ...program, rules: [] },
  getProgram: program,
  updateProgram: { ...program, description: "Six courses, three levels, one certificate." },
  addProgramRule: rule,
  getProgramLeaderboard: {
    enabled: true,
    metric: "courses_completed",
    period: "all",
    size: 10,
    entries: [
      { rank: 1, handle: "grace", initials: "GH", value: 6 },
      { rank: 2, handle: null, initials: "AL", value: 4 },
    ],
  },
  sendEvents: { accepted: 1, duplicates: 0, rejected: [] },
  verifyCredential: {
    verdict: "invalid",
    valid: false,
    format: "ob3-jsonld",
    checks: [
      { check: "proof", state: "failed", code: "proof_missing", message: "The credential carries no proof." },
      { check: "schema", state: "passed", code: "valid", message: "The credential matches the Open Badges 3.0 schema." },
      { check: "dates", state: "passed", code: "current", message: "The credential is within its dates." },
    ],
    fetched: [],
  },
  getLearnerProgress: {
    data: [
      {
        programId: PROGRAM_ID,
        name: "Data Academy",
        metrics: [{ key: "courses_completed", label: "Courses completed", unit: null, value: 2 }],
        earned: [],
        next: [{ ruleId: rule.id, achievementId: ACHIEVEMENT_ID, name: "Data Literacy", kind: "target", metric: "courses_completed", target: 3, current: 2, remaining: 1 }],
      },
    ],
  },
  listWebhooks: { data: [webhook] },
  createWebhook: { ...webhook, secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" },
  getWebhook: webhook,
  updateWebhook: { ...webhook, events: ["credential.issued", "credential.revoked"] },
  rotateWebhookSecret: { secret: "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD", previousSecretExpiresAt: "2026-01-16T10:00:00.000Z" },
  listWebhookDeliveries: { data: [delivery], nextCursor: null },
  redeliverWebhook: { ...delivery, state: "pending", nextAttemptAt: "2026-01-15T11:00:00.000Z" },
  listSsoConnections: { data: [ssoConnection] },
  createSsoConnection: ssoConnection,
  verifySsoDomains: { ...ssoConnection, domains: [{ ...ssoConnection.domains[0], verified: true }] },
  listLtiPlatforms: { data: [ltiPlatform] },
  createLtiPlatform: ltiPlatform,
};

/** The example answer of an operation, or undefined when it answers without a body. */
export function responseExample(id: OperationId): unknown {
  const operation: Operation = operations[id];
  return operation.response ? WRITTEN[id] : undefined;
}
