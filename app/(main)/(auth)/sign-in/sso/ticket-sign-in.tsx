"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { safeCallbackUrl } from "@/lib/auth/callback-url";

/** Reads the ticket from the fragment, once, and signs in with it (next-auth's "sso" provider). */
export function SsoTicketSignIn() {
  const t = useTranslations("sso");
  const [failed, setFailed] = useState(false);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const fragment = new URLSearchParams(window.location.hash.slice(1));
    // The ticket leaves the address bar (and the history) before anything else.
    window.history.replaceState(null, "", window.location.pathname);
    const ticket = fragment.get("ticket");
    const next = safeCallbackUrl(fragment.get("next"), "/home");
    if (!ticket) return setFailed(true);
    void signIn("sso", { ticket, redirect: false, callbackUrl: next }).then((result) => {
      if (!result || result.error) return setFailed(true);
      window.location.assign(next);
    });
  }, []);
  if (failed) {
    return (
      <>
        <div data-testid="sso-error"><Alert tone="error" className="mt-4">{t("errors.ticket_invalid")}</Alert></div>
        <Link href="/sign-in" className="mt-6 inline-block text-sm font-semibold text-brand-700 underline">{t("finish.back")}</Link>
      </>
    );
  }
  return <p className="mt-3 text-stone-700" role="status">{t("finish.signingIn")}</p>;
}
