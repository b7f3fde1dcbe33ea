// Rows pasted from a spreadsheet, made into the text of a file the upload reads. No server
// imports: the upload form runs it in the browser.

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Text copied from Excel, Google Sheets or Numbers (tab-separated) or written by hand
 * (comma-separated), as a file's text. Copied cells keep their header row when it was selected;
 * when the first line already holds an email address, the header was left behind and one is
 * written: "email" over the first column holding addresses, "name" over the next one, and the
 * other columns numbered, so the mapping still matches the fields.
 */
export function pastedRowsText(pasted: string): { text: string; headerAdded: boolean } {
  const lines = pasted.replace(/\r\n?/g, "\n").split("\n");
  while (lines.length > 0 && lines[lines.length - 1].trim() === "") lines.pop();
  while (lines.length > 0 && lines[0].trim() === "") lines.shift();
  if (lines.length === 0) return { text: "", headerAdded: false };
  const delimiter = lines[0].includes("\t") ? "\t" : lines[0].includes(";") && !lines[0].includes(",") ? ";" : ",";
  const first = lines[0].split(delimiter).map((cell) => cell.trim().replace(/^"|"$/g, ""));
  const emailColumn = first.findIndex((cell) => EMAIL.test(cell));
  if (emailColumn === -1) return { text: lines.join("\n"), headerAdded: false };
  const nameColumn = first.findIndex((cell, i) => i !== emailColumn && cell !== "" && !/^\d/.test(cell) && !/^https?:/i.test(cell));
  const header = first.map((_, i) => (i === emailColumn ? "email" : i === nameColumn ? "name" : `column ${i + 1}`));
  return { text: [header.join(delimiter), ...lines].join("\n"), headerAdded: true };
}
