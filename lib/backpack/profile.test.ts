import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { createUser, unique } from "@/lib/test/factories";
import { solidPng } from "@/lib/test/images";
import { MAX_PHOTO_BYTES, profileSettingsSchema, updateProfileSettings } from "./profile";

const form = (values: Record<string, unknown>) => parseInput(profileSettingsSchema, { name: "Ada Learner", ...values });
const fieldCode = (values: Record<string, unknown>, field: string) => {
  try {
    form(values);
  } catch (error) {
    return (error as { fields?: Record<string, { code: string }> }).fields?.[field]?.code;
  }
  return undefined;
};

describe("public profile settings", () => {
  it("validates the handle, the headline and the name", () => {
    expect(form({ handle: "  Ada-Lovelace-1 " }).handle).toBe("ada-lovelace-1");
    expect(form({ handle: "" }).handle).toBeNull();
    expect(fieldCode({ handle: "ab" }, "handle")).toBe("too_short");
    expect(fieldCode({ handle: "a".repeat(31) }, "handle")).toBe("too_long");
    expect(fieldCode({ handle: "ada_lovelace" }, "handle")).toBe("handle_format");
    expect(fieldCode({ handle: "ada lovelace" }, "handle")).toBe("handle_format");
    for (const reserved of ["admin", "api", "dashboard", "backpack", "settings", "Admin"]) expect(fieldCode({ handle: reserved }, "handle")).toBe("handle_reserved");
    expect(fieldCode({ headline: "x".repeat(121) }, "headline")).toBe("too_long");
    expect(fieldCode({ name: " " }, "name")).toBe("required");
    expect(form({ profilePublic: "on" }).profilePublic).toBe(true);
    expect(form({}).profilePublic).toBe(false);
  });

  it("saves the settings and a photo checked by its bytes; a handle in use is 'taken'", async () => {
    const user = await createUser();
    const handle = unique("ada").toLowerCase();
    const photo = new File([solidPng(4) as BlobPart], "me.txt");
    const saved = await updateProfileSettings(user.id, form({ handle, headline: "Learns things", profilePublic: "on", photo }));
    expect(saved).toMatchObject({ handle, name: "Ada Learner", headline: "Learns things", profilePublic: true });
    expect(saved.photo).toMatch(/^data:image\/png;base64,/);

    // Saving again without a new photo keeps it; removing it clears it.
    expect((await updateProfileSettings(user.id, form({ handle }))).photo).toBe(saved.photo);
    expect((await updateProfileSettings(user.id, form({ handle, removePhoto: "on" }))).photo).toBeNull();

    const other = await createUser();
    await expect(updateProfileSettings(other.id, form({ handle }))).rejects.toMatchObject({ fields: { handle: { code: "handle_taken" } } });
    expect((await db.user.findUniqueOrThrow({ where: { id: other.id } })).handle).toBeNull();
  });

  it("refuses a photo that is too large or not an image", async () => {
    const user = await createUser();
    const big = new File([new Uint8Array(MAX_PHOTO_BYTES + 1)], "big.png");
    await expect(updateProfileSettings(user.id, form({ photo: big }))).rejects.toMatchObject({ fields: { photo: { code: "file_too_large" } } });
    const text = new File(["hello"], "photo.png");
    await expect(updateProfileSettings(user.id, form({ photo: text }))).rejects.toMatchObject({ fields: { photo: { code: "image_type" } } });
    const script = new File(['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'], "x.svg");
    await expect(updateProfileSettings(user.id, form({ photo: script }))).rejects.toMatchObject({ fields: { photo: { code: "svg_unsafe" } } });
  });
});
