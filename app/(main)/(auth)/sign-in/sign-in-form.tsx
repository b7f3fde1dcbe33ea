"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import { resendSignUpLinkAction, ssoForEmailAction } from "./actions";

type Provider = { id: string; name: string };

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function SignInForm({ callbackUrl, providers, defaultEmail }: { callbackUrl: string; providers: Provider[]; defaultEmail: string }) {
  const t = useTranslations("auth.signIn");
  const router = useRouter();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  // A right password for an address not proven yet: offer the link again.
  const [unverified, setUnverified] = useState<{ email: string; password: string } | null>(null);
  const [resent, setResent] = useState<"sending" | "sent" | null>(null);
  const [pending, setPending] = useState<"password" | "link" | null>(null);
  // The typed address signs in through its organization's single sign-on (enforced: only that way).
  const [sso, setSso] = useState<{ email: string; enforced: boolean } | null>(null);
  const hydrated = useHydrated();
  const busy = pending !== null || !hydrated;

  async function lookUpSso(email: string): Promise<{ email: string; enforced: boolean } | null> {
    if (!EMAIL_PATTERN.test(email)) return null;
    const form = new FormData();
    form.set("email", email);
    const state = await ssoForEmailAction(null, form).catch(() => null);
    const found = state?.ok && state.data?.sso ? { email, enforced: state.data.enforced } : null;
    setSso(found);
    return found;
  }

  async function withPassword(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!EMAIL_PATTERN.test(email) || !password) return setError(t("errors.missing"));
    setPending("password");
    setError(null);
    const result = await signIn("credentials", { email, password, redirect: false, callbackUrl });
    setUnverified(null);
    setResent(null);
    if (!result || result.error) {
      setPending(null);
      if (result?.error === "Unverified") {
        setUnverified({ email, password });
        return setError(t("errors.Unverified"));
      }
      if (result?.error === "SsoRequired") return setSso({ email, enforced: true });
      return setError(result?.error === "RateLimited" ? t("errors.RateLimited") : t("errors.CredentialsSignin"));
    }
    router.push(callbackUrl);
    router.refresh();
  }

  async function resendLink() {
    if (!unverified) return;
    setResent("sending");
    const form = new FormData();
    form.set("email", unverified.email);
    form.set("password", unverified.password);
    const state = await resendSignUpLinkAction(null, form);
    setResent("sent");
    if (state && !state.ok && state.code === "rate_limited") setError(t("errors.RateLimited"));
  }

  async function withLink(event: React.MouseEvent<HTMLButtonElement>) {
    const form = event.currentTarget.form!;
    const email = String(new FormData(form).get("email") ?? "").trim();
    if (!EMAIL_PATTERN.test(email)) return setError(t("errors.emailForLink"));
    setPending("link");
    setError(null);
    if ((await lookUpSso(email))?.enforced) return setPending(null);
    const result = await signIn("email", { email, redirect: false, callbackUrl });
    if (!result || result.error) {
      setPending(null);
      return setError(t("errors.EmailSignin"));
    }
    router.push(`/sign-in/check-email?email=${encodeURIComponent(email)}`);
  }

  return (
    <div className="mt-6 space-y-6">
      <form onSubmit={withPassword} method="post" noValidate className="space-y-4">
        {error && <Alert tone="error">{error}</Alert>}
        {unverified && (
          <div className="space-y-2">
            <Button type="button" variant="secondary" className="w-full" onClick={resendLink} disabled={resent === "sending"}>
              {resent === "sending" ? t("resending") : t("resend")}
            </Button>
            {resent === "sent" && <Alert tone="success">{t("resent")}</Alert>}
          </div>
        )}
        <div className="space-y-1">
          <label htmlFor={`${id}-email`} className="block text-sm font-medium text-stone-800">{t("email")}</label>
          <input id={`${id}-email`} name="email" type="email" autoComplete="email" required defaultValue={defaultEmail}
            onBlur={(event) => void lookUpSso(event.currentTarget.value.trim())}
            onChange={(event) => { if (sso && event.currentTarget.value.trim() !== sso.email) setSso(null); }}
            aria-invalid={sso?.enforced ? true : undefined} aria-describedby={sso ? `${id}-sso` : undefined}
            className="block w-full rounded-lg border border-stone-300 px-3 py-2 text-sm shadow-sm" />
          {sso && (
            <div id={`${id}-sso`} className="space-y-2 pt-1" data-testid="sso-notice">
              <p className={sso.enforced ? "text-sm text-red-700" : "text-sm text-stone-700"} role={sso.enforced ? "alert" : undefined}>
                {sso.enforced ? t("errors.SsoRequired") : t("ssoAvailable")}
              </p>
              <a href={`/sso/start?email=${encodeURIComponent(sso.email)}`} className={buttonClasses("primary", "w-full")}>{t("ssoContinue")}</a>
            </div>
          )}
        </div>
        <div className="space-y-1">
          <div className="flex items-baseline justify-between">
            <label htmlFor={`${id}-password`} className="block text-sm font-medium text-stone-800">{t("password")}</label>
            <Link href="/forgot-password" className="text-sm text-brand-700 underline">{t("forgot")}</Link>
          </div>
          <input id={`${id}-password`} name="password" type="password" autoComplete="current-password"
            className="block w-full rounded-lg border border-stone-300 px-3 py-2 text-sm shadow-sm" />
        </div>
        <Button type="submit" className="w-full" disabled={busy}>
          {pending === "password" ? t("signingIn") : t("submit")}
        </Button>
        <div className="flex items-center gap-3 text-xs uppercase text-stone-600" aria-hidden="true">
          <span className="h-px flex-1 bg-stone-200" />{t("or")}<span className="h-px flex-1 bg-stone-200" />
        </div>
        <Button type="button" variant="secondary" className="w-full" onClick={withLink} disabled={busy}>
          {pending === "link" ? t("sendingLink") : t("magicLink")}
        </Button>
      </form>
      {providers.length > 0 && (
        <div className="space-y-2">
          {providers.map((provider) => (
            <Button key={provider.id} type="button" variant="secondary" className="w-full" onClick={() => signIn(provider.id, { callbackUrl })}>
              {t("continueWith", { provider: provider.name })}
            </Button>
          ))}
        </div>
      )}
    </div>
  );
}
