"use client";

import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { useFormState } from "@/components/ui/form";

/**
 * A billing action's failure in words: the billing reasons (no price for that period, already
 * subscribed, Stripe unreachable) have their own messages, everything else the shared ones.
 */
export function BillingActionError() {
  const { state } = useFormState();
  const t = useTranslations("billing.errors");
  const tErrors = useTranslations("errors");
  if (!state || state.ok) return null;
  const reason = state.fields ? Object.values(state.fields)[0]?.code : undefined;
  const message = reason && t.has(reason) ? t(reason) : tErrors(`codes.${state.code}`, state.params);
  return <Alert tone="error" className="mt-3">{message}</Alert>;
}
