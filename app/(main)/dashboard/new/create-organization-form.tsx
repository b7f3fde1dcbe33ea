"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ActionForm, FormMessage, SubmitButton, TextField } from "@/components/ui/form";
import { createOrganizationAction } from "./actions";

const toSlug = (name: string) =>
  name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);

export function CreateOrganizationForm() {
  const t = useTranslations("dashboard.newOrg");
  const router = useRouter();
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  return (
    <ActionForm
      action={createOrganizationAction}
      className="mt-6 space-y-4"
      onSuccess={(state) => {
        const created = state?.ok ? (state.data as { slug: string }) : null;
        if (created) router.push(`/dashboard/${created.slug}`);
      }}
    >
      <FormMessage />
      <TextField name="name" label={t("name")} required onChange={(e) => !slugEdited && setSlug(toSlug(e.target.value))} />
      <TextField
        name="slug"
        label={t("slug")}
        hint={t("slugHint")}
        value={slug}
        onChange={(e) => {
          setSlugEdited(true);
          setSlug(e.target.value);
        }}
        required
      />
      <SubmitButton className="w-full" pendingLabel={t("creating")}>{t("submit")}</SubmitButton>
    </ActionForm>
  );
}
