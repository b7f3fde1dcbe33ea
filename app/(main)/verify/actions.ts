"use server";

import { z } from "zod";
import { publicAction } from "@/lib/auth/guard";
import { presentVerification } from "@/lib/verifier/present";
import { spendVerifyBudget } from "@/lib/verifier/rate-limit";
import { inputFromFile, inputFromUrl } from "@/lib/verifier/read-request";
import { MAX_VERIFY_BYTES, verifyAnything, type VerifierInput } from "@/lib/verifier/verify-anything";
import { fieldError } from "@/lib/errors";

const verifySchema = z.object({
  source: z.enum(["file", "text", "url"]),
  file: z.unknown().optional(),
  text: z.string().max(MAX_VERIFY_BYTES).optional(),
  url: z.string().optional(),
});

/** The page's three ways in; a URL's answer also gets its permalink (/verify?url=…). */
export const verifyAction = publicAction({ schema: verifySchema }, async (form, { ip }) => {
  let input: VerifierInput;
  if (form.source === "file") input = await inputFromFile(form.file as FormDataEntryValue | null);
  else if (form.source === "url") input = inputFromUrl(form.url);
  else if (!form.text?.trim()) throw fieldError("text", "required");
  else input = { kind: "text", text: form.text };
  await spendVerifyBudget(ip);
  const answer = presentVerification(await verifyAnything(input));
  return { answer, permalink: input.kind === "url" ? `/verify?url=${encodeURIComponent(input.url)}` : null };
});
