import { describe, expect, it } from "vitest";
import { endlessBody, streamingRequest } from "@/lib/test/streaming-body";
import { readBulkUploadForm, readBulkUploadRequest } from "./upload-form";

function form(fields: Record<string, string>, file?: File) {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  if (file) data.set("file", file);
  return data;
}

const csv = (text: string, name = "people.csv") => new File([text], name, { type: "text/csv" });

describe("readBulkUploadForm", () => {
  it("reads the achievement, mode, message, mapping and the file's text", async () => {
    const upload = await readBulkUploadForm(
      form({ achievementId: "a1", mode: "issue", message: "  Well done  ", mapping: JSON.stringify({ email: 1, name: null, issueDate: 0 }) }, csv("date,email\n2026-01-01,a@example.com\n")),
    );
    expect(upload).toEqual({
      achievementId: "a1",
      mode: "issue",
      message: "Well done",
      mapping: { email: 1, issueDate: 0 },
      fileName: "people.csv",
      text: "date,email\n2026-01-01,a@example.com\n",
      when: { when: "now", sendAt: undefined, timeZone: undefined },
    });
    const later = await readBulkUploadForm(form({ achievementId: "a1", mode: "issue", when: "later", sendAt: "2027-05-01T09:00", timeZone: "Europe/Madrid" }, csv("email\na@example.com\n")));
    expect(later.when).toEqual({ when: "later", sendAt: "2027-05-01T09:00", timeZone: "Europe/Madrid" });
  });

  it("refuses a missing or oversized file before reading it, and files that are not CSV", async () => {
    await expect(readBulkUploadForm(form({ achievementId: "a1" }))).rejects.toMatchObject({ fields: { file: { code: "file_empty" } } });
    const big = new File([new Uint8Array(10 * 1024 * 1024 + 1)], "big.csv", { type: "text/csv" });
    await expect(readBulkUploadForm(form({ achievementId: "a1" }, big))).rejects.toMatchObject({ fields: { file: { code: "file_too_large", params: { maxMb: 10 } } } });
    await expect(readBulkUploadForm(form({ achievementId: "a1" }, new File(["%PDF"], "x.pdf", { type: "application/pdf" })))).rejects.toMatchObject({
      fields: { file: { code: "not_csv" } },
    });
  });

  it("refuses a mapping that names an unknown field or is not JSON", async () => {
    await expect(readBulkUploadForm(form({ achievementId: "a1", mapping: "{" }, csv("email\n")))).rejects.toMatchObject({ fields: { mapping: { code: "invalid" } } });
    await expect(readBulkUploadForm(form({ achievementId: "a1", mapping: JSON.stringify({ password: 0 }) }, csv("email\n")))).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("reads the form from a request, and cuts a chunked upload off just past the file limit", async () => {
    const ok = new Request("http://x.test/upload", { method: "POST", body: form({ achievementId: "a1", mode: "preview" }, csv("email\na@example.com\n")) });
    expect(await readBulkUploadRequest(ok)).toMatchObject({ achievementId: "a1", mode: "preview", text: "email\na@example.com\n" });

    const { stream, state, chunkBytes } = endlessBody();
    const huge = streamingRequest("http://x.test/upload", stream, { "content-type": "multipart/form-data; boundary=x" });
    await expect(readBulkUploadRequest(huge)).rejects.toMatchObject({ fields: { file: { code: "file_too_large" } } });
    expect(state.cancelled).toBe(true);
    expect(state.pulled * chunkBytes).toBeLessThan(11 * 1024 * 1024);
  });
});
