"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import { resendSignUpLinkAction } from "./actions";

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
  const hydrated = useHydrated();
  const busy = pending !== null || !hydrated;

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
            className="block w-full rounded-lg border border-stone-300 px-3 py-2 text-sm shadow-sm" />
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
