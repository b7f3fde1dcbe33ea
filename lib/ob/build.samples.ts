// Sample Open Badges documents for tests and the issuance benchmark (not used at run time).
import { buildAchievement, buildCredential, buildIssuerProfile } from "./build";
import { statusListEntry } from "./status-list";

export const ISSUER_ID = "https://laurel.example/o/org_1";

export function sampleIssuer() {
  return buildIssuerProfile({ id: ISSUER_ID, name: "Demo Academy", url: "https://demo.example", email: "badges@demo.example", description: "Courses", image: "https://laurel.example/o/org_1/logo.png" });
}

export function sampleAchievement() {
  return buildAchievement({
    id: "https://laurel.example/b/ach_1",
    name: "Data Literacy — Level 2",
    description: "Reads, questions and explains charts and tables.",
    criteria: { narrative: "Complete the **course** and pass the final assessment (≥ 80%).", id: "https://demo.example/data-literacy" },
    image: { id: "https://laurel.example/b/ach_1/image.png", caption: "Data Literacy badge" },
    achievementType: "Badge",
    alignment: [
      { targetName: "Interpret data", targetUrl: "https://case.example/uri/123", targetFramework: "Digital Skills", targetCode: "DS.2", targetDescription: "Interprets data.", targetType: "CFItem" },
      { targetName: "Data literacy", targetUrl: "https://esco.example/skill/9" },
    ],
    tag: ["data", "literacy"],
    resultDescription: [{ id: "https://laurel.example/b/ach_1#score", name: "Final score", resultType: "Percent", valueMin: "0", valueMax: "100" }],
    creator: sampleIssuer(),
  });
}

export function sampleCredential(overrides: Partial<Parameters<typeof buildCredential>[0]> = {}) {
  return buildCredential({
    id: "https://laurel.example/c/cred_1",
    issuer: sampleIssuer(),
    achievement: sampleAchievement(),
    recipient: { email: "  Ada.Lovelace@Example.org ", salt: "3f1c2a", name: "Ada Lovelace" },
    validFrom: new Date("2025-03-01T09:30:00.250Z"),
    validUntil: new Date("2028-03-01T09:30:00Z"),
    awardedDate: new Date("2025-03-01T09:30:00Z"),
    evidence: [
      { id: "https://demo.example/portfolio/ada", name: "Portfolio", description: "Project work", narrative: "Three dashboards." },
      { narrative: "Observed in class." },
    ],
    results: [{ resultDescription: "https://laurel.example/b/ach_1#score", value: "92" }],
    narrative: "Ada completed every module.",
    credentialStatus: statusListEntry({ statusListCredential: "https://laurel.example/o/org_1/status/list_1", index: 42, statusPurpose: "revocation" }),
    ...overrides,
  });
}
