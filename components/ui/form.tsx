"use client";

import { useTranslations } from "next-intl";
import { createContext, useActionState, useContext, useEffect, useId, useRef, useState, startTransition } from "react";
import type { ActionState } from "@/lib/auth/guard";
import { Alert } from "./alert";
import { Button, type ButtonVariant } from "./button";
import { cn } from "./cn";
import { useHydrated } from "./use-hydrated";

type AnyState = ActionState<unknown>;
const NONE_EDITED: ReadonlySet<string> = new Set();

const FormContext = createContext<{ state: AnyState; pending: boolean; edited: ReadonlySet<string>; missing: ReadonlySet<string> }>({
  state: null,
  pending: false,
  edited: new Set(),
  missing: new Set(),
});

/**
 * A form bound to a server action. Unlike a bare `<form action>`, it keeps what the person
 * typed when the action answers with errors (React resets action forms otherwise), and shows
 * field errors next to their fields.
 */
export function ActionForm<T>({
  action,
  children,
  className,
  resetOnSuccess = false,
  onSuccess,
  confirm,
  ...rest
}: {
  action: (state: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;
  children: React.ReactNode;
  className?: string;
  resetOnSuccess?: boolean;
  onSuccess?: (state: ActionState<T>, submitted: FormData) => void;
  /** Asks the person this question first; submits only when they agree. */
  confirm?: string;
} & Omit<React.FormHTMLAttributes<HTMLFormElement>, "action" | "onSubmit">) {
  const [state, dispatch, pending] = useActionState<ActionState<T>, FormData>(action, null);
  // Fields changed since the last answer: their error is stale, so it no longer shows.
  const [edited, setEdited] = useState<{ state: AnyState; names: ReadonlySet<string> }>({ state: null, names: new Set() });
  const editedNow = edited.state === state ? edited.names : NONE_EDITED;
  // Required fields left empty in a form that asks for confirmation: pointed out before asking.
  const [missing, setMissing] = useState<ReadonlySet<string>>(NONE_EDITED);
  const formRef = useRef<HTMLFormElement>(null);
  const lastHandled = useRef<ActionState<T>>(null);
  const submitted = useRef<FormData>(new FormData());

  useEffect(() => {
    if (state?.ok && state !== lastHandled.current) {
      lastHandled.current = state;
      if (resetOnSuccess) formRef.current?.reset();
      onSuccess?.(state, submitted.current);
    }
  }, [state, resetOnSuccess, onSuccess]);

  return (
    <FormContext.Provider value={{ state, pending, edited: editedNow, missing }}>
      <form
        ref={formRef}
        method="post"
        noValidate
        className={className}
        onInput={(event) => {
          const name = (event.target as HTMLInputElement).name;
          if (name && state && !state.ok && state.fields?.[name] && !editedNow.has(name)) setEdited({ state, names: new Set([...editedNow, name]) });
          if (name && missing.has(name)) setMissing(new Set([...missing].filter((other) => other !== name)));
        }}
        onSubmit={(event) => {
          event.preventDefault();
          if (confirm) {
            // The question comes once there is something to confirm: a required field left
            // empty is pointed out first (and focused), and nothing is sent.
            const empty = emptyRequiredFields(event.currentTarget);
            setMissing(new Set(empty.map((element) => element.name)));
            if (empty.length > 0) {
              empty[0].focus();
              return;
            }
            if (!window.confirm(confirm)) return;
          }
          const formData = new FormData(event.currentTarget);
          submitted.current = formData;
          startTransition(() => dispatch(formData));
        }}
        {...rest}
      >
        {children}
      </form>
    </FormContext.Provider>
  );
}

/** The named fields of a form that are required and still empty, in the form's order. */
function emptyRequiredFields(form: HTMLFormElement): (HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement)[] {
  return [...form.elements].filter(
    (element): element is HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement =>
      (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) && element.name !== "" && element.validity.valueMissing,
  );
}

export function useFormState() {
  return useContext(FormContext);
}

/** The translated message for a field's error in the current form state, if any (and not edited since). */
function useFieldError(name: string): string | undefined {
  const { state, edited, missing } = useFormState();
  const t = useTranslations("errors.fields");
  if (missing.has(name)) return t("required");
  if (!state || state.ok || !state.fields?.[name] || edited.has(name)) return undefined;
  const issue = state.fields[name];
  return t.has(issue.code) ? t(issue.code, issue.params) : t("invalid");
}

type FieldProps = {
  name: string;
  label: string;
  hint?: string;
  className?: string;
};

function FieldShell({
  id,
  label,
  hint,
  error,
  className,
  children,
}: { id: string; label: string; hint?: string; error?: string; className?: string; children: React.ReactNode }) {
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      {children}
      {hint && !error && (
        <p id={`${id}-hint`} className="text-xs text-stone-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

const inputClasses = (error?: string) =>
  cn(
    "block w-full rounded-lg border bg-white px-3 py-2 text-sm text-stone-900 shadow-sm placeholder:text-stone-500",
    error ? "border-red-600" : "border-stone-300",
  );

/** What every field control shares: its id, error and the attributes tying them together. */
function useField(name: string, hint?: string) {
  const id = useId();
  const error = useFieldError(name);
  const control = {
    id,
    name,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${id}-error` : hint ? `${id}-hint` : undefined,
    className: inputClasses(error),
  };
  return { id, error, control };
}

export function TextField({
  name,
  label,
  hint,
  className,
  ...input
}: FieldProps & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name">) {
  const { id, error, control } = useField(name, hint);
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} className={className}>
      <input {...control} {...input} />
    </FieldShell>
  );
}

export function TextAreaField({
  name,
  label,
  hint,
  className,
  ...input
}: FieldProps & Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, "name">) {
  const { id, error, control } = useField(name, hint);
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} className={className}>
      <textarea {...control} {...input} />
    </FieldShell>
  );
}

export function SelectField({
  name,
  label,
  hint,
  className,
  options,
  ...select
}: FieldProps & { options: { value: string; label: string }[] } & Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "name">) {
  const { id, error, control } = useField(name, hint);
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} className={className}>
      <select {...control} {...select}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** The form-wide outcome: an error that belongs to no single field, or a success message. */
export function FormMessage({ success }: { success?: string }) {
  const { state } = useFormState();
  const t = useTranslations("errors");
  if (!state) return null;
  if (state.ok) return success ? <Alert tone="success">{success}</Alert> : null;
  const firstField = state.fields ? Object.values(state.fields)[0] : undefined;
  let message: string;
  if (state.code === "validation_failed" && firstField) message = t("validation_failed");
  else if (firstField && t.has(`fields.${firstField.code}`)) message = t(`fields.${firstField.code}`, { ...state.params, ...firstField.params });
  else if (state.code === "payment_required" && typeof state.params?.limit === "string" && t.has(`limits.${state.params.limit}`)) {
    return <PlanLimitAlert message={t(`limits.${state.params.limit}`, state.params)} upgradeUrl={state.params.upgradeUrl} />;
  } else message = t(`codes.${state.code}`, state.params);
  return <Alert tone="error">{message}</Alert>;
}

/** A one-button form's refusal, in a line under the button (a row action: revoke, redeliver). */
export function InlineActionError() {
  const { state } = useFormState();
  const t = useTranslations("errors.codes");
  if (!state || state.ok) return null;
  return <p role="alert" className="mt-1 text-sm font-medium text-red-700">{t(state.code, state.params)}</p>;
}

/** A plan limit: which one, and the way to the plans. */
function PlanLimitAlert({ message, upgradeUrl }: { message: string; upgradeUrl?: string | number }) {
  const t = useTranslations("errors.limits");
  return (
    <Alert tone="error">
      {message}{" "}
      {typeof upgradeUrl === "string" && (
        <a href={new URL(upgradeUrl, "http://x").pathname} className="font-semibold underline">
          {t("seePlans")}
        </a>
      )}
    </Alert>
  );
}

export function SubmitButton({
  children,
  pendingLabel,
  variant,
  className,
}: {
  children: React.ReactNode;
  pendingLabel?: string;
  variant?: ButtonVariant;
  className?: string;
}) {
  const { pending } = useFormState();
  const hydrated = useHydrated();
  return (
    <Button type="submit" variant={variant} disabled={pending || !hydrated} className={className}>
      {pending && pendingLabel ? pendingLabel : children}
    </Button>
  );
}
