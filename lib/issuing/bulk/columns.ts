// The fields a bulk CSV can fill and how its columns map onto them. No server imports: the
// upload form guesses the mapping in the browser with the same rules.

export const BULK_FIELDS = ["email", "name", "evidenceUrl", "narrative", "issueDate", "expiryDate", "result"] as const;
export type BulkField = (typeof BULK_FIELDS)[number];

/** Which column (0-based index into the header) fills each field; unmapped fields are absent. */
export type ColumnMapping = Partial<Record<BulkField, number>>;

export const REQUIRED_FIELDS: readonly BulkField[] = ["email"];

/** The one date format bulk files accept, as people are told it. */
export const DATE_FORMAT = "YYYY-MM-DD";

// Header spellings seen in LMS and HR exports, compared without case, spaces or punctuation.
const SYNONYMS: Record<BulkField, string[]> = {
  email: ["email", "emailaddress", "mail", "recipientemail", "learneremail", "studentemail", "correo", "correoelectronico", "username"],
  name: ["name", "fullname", "recipientname", "learnername", "studentname", "learner", "student", "recipient", "nombre", "nombrecompleto"],
  evidenceUrl: ["evidenceurl", "evidence", "evidencelink", "url", "link", "portfolio", "evidencia", "urlevidencia"],
  narrative: ["narrative", "evidencenarrative", "notes", "note", "comment", "comments", "narrativa", "notas"],
  issueDate: ["issuedate", "issuedon", "issued", "date", "validfrom", "awarddate", "awardedon", "completiondate", "completedon", "fechaemision", "fecha"],
  expiryDate: ["expirydate", "expirationdate", "expiry", "expires", "expireson", "validuntil", "fechaexpiracion", "vencimiento"],
  result: ["result", "score", "grade", "mark", "resultado", "nota", "calificacion"],
};

const normalise = (header: string) =>
  header
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");

/** A first mapping from the header names; each column fills at most one field. */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const used = new Set<number>();
  const names = headers.map(normalise);
  // Exact synonyms first, in the order of preference each list gives.
  for (const field of BULK_FIELDS) {
    for (const synonym of SYNONYMS[field]) {
      const index = names.findIndex((name, i) => name === synonym && !used.has(i));
      if (index !== -1) {
        mapping[field] = index;
        used.add(index);
        break;
      }
    }
  }
  // Then a header that contains the field's main word ("Participant e-mail").
  for (const field of BULK_FIELDS) {
    if (mapping[field] !== undefined) continue;
    const word = SYNONYMS[field][0];
    const index = names.findIndex((name, i) => name.includes(word) && !used.has(i));
    if (index !== -1) {
      mapping[field] = index;
      used.add(index);
    }
  }
  return mapping;
}
