"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { buttonClasses } from "@/components/ui/button";

export function SignOutButton({ className }: { className?: string }) {
  const t = useTranslations("nav");
  return (
    <button type="button" className={buttonClasses("ghost", className)} onClick={() => signOut({ callbackUrl: "/" })}>
      {t("signOut")}
    </button>
  );
}
