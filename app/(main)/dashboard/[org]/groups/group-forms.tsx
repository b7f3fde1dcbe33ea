"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ActionForm, FormMessage, InlineActionError, SelectField, SubmitButton, TextAreaField, TextField } from "@/components/ui/form";
import { useHydrated } from "@/components/ui/use-hydrated";
import { GROUP_NAME_MAX, MEMBER_NAME_MAX } from "@/lib/groups/schemas";
import { addGroupMemberAction, createGroupAction, deleteGroupAction, issueToGroupAction, removeGroupMemberAction, renameGroupAction } from "./actions";

export function CreateGroupForm({ org }: { org: string }) {
  const t = useTranslations("groups");
  const router = useRouter();
  return (
    <ActionForm
      action={createGroupAction}
      onSuccess={(state) => {
        if (state?.ok && state.data) router.push(`/dashboard/${org}/groups/${(state.data as { id: string }).id}`);
      }}
      className="flex flex-wrap items-end gap-3"
    >
      <input type="hidden" name="org" value={org} />
      <TextField name="name" label={t("create.name")} hint={t("create.nameHint")} required maxLength={GROUP_NAME_MAX} autoComplete="off" className="min-w-64 flex-1" />
      <SubmitButton pendingLabel={t("create.creating")}>{t("create.submit")}</SubmitButton>
      <div className="basis-full"><FormMessage /></div>
    </ActionForm>
  );
}

export function RenameGroupForm({ org, groupId, name }: { org: string; groupId: string; name: string }) {
  const t = useTranslations("groups.detail");
  return (
    <ActionForm action={renameGroupAction} className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="groupId" value={groupId} />
      <TextField name="name" label={t("name")} defaultValue={name} required maxLength={GROUP_NAME_MAX} autoComplete="off" className="min-w-64 flex-1" />
      <SubmitButton variant="secondary" pendingLabel={t("saving")}>{t("rename")}</SubmitButton>
      <div className="basis-full"><FormMessage success={t("renamed")} /></div>
    </ActionForm>
  );
}

export function DeleteGroupButton({ org, groupId, name }: { org: string; groupId: string; name: string }) {
  const t = useTranslations("groups.detail");
  return (
    <ActionForm action={deleteGroupAction} confirm={t("confirmDelete", { name })}>
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="groupId" value={groupId} />
      <SubmitButton variant="ghost" className="text-red-700" pendingLabel={t("deleting")}>{t("delete")}</SubmitButton>
      <InlineActionError />
    </ActionForm>
  );
}

export function AddMemberForm({ org, groupId }: { org: string; groupId: string }) {
  const t = useTranslations("groups.members");
  return (
    <ActionForm action={addGroupMemberAction} resetOnSuccess className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="groupId" value={groupId} />
      <TextField name="email" type="email" label={t("email")} required maxLength={254} autoComplete="off" />
      <TextField name="name" label={t("name")} maxLength={MEMBER_NAME_MAX} autoComplete="off" />
      <SubmitButton variant="secondary" pendingLabel={t("adding")}>{t("add")}</SubmitButton>
      <div className="sm:col-span-3"><FormMessage success={t("added")} /></div>
    </ActionForm>
  );
}

export function RemoveMemberButton({ org, groupId, memberId, email }: { org: string; groupId: string; memberId: string; email: string }) {
  const t = useTranslations("groups.members");
  return (
    <ActionForm action={removeGroupMemberAction}>
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="groupId" value={groupId} />
      <input type="hidden" name="memberId" value={memberId} />
      <SubmitButton variant="ghost" className="text-red-700" pendingLabel={t("removing")}>
        {t("remove")}
        <span className="sr-only"> {email}</span>
      </SubmitButton>
      <InlineActionError />
    </ActionForm>
  );
}

export function IssueToGroupForm({ org, groupId, achievements, members }: { org: string; groupId: string; achievements: { id: string; name: string }[]; members: number }) {
  const t = useTranslations("groups.issue");
  const router = useRouter();
  return (
    <ActionForm
      action={issueToGroupAction}
      onSuccess={(state) => {
        if (state?.ok && state.data) router.push(`/dashboard/${org}/issue/bulk/${(state.data as { jobId: string }).jobId}`);
      }}
      className="space-y-4"
    >
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="groupId" value={groupId} />
      <SelectField name="achievementId" label={t("achievement")} options={achievements.map((a) => ({ value: a.id, label: a.name }))} />
      <TextAreaField name="message" label={t("message")} hint={t("messageHint")} rows={3} maxLength={2000} />
      <FormMessage />
      <SubmitButton pendingLabel={t("issuing")}>{t("submit", { count: members })}</SubmitButton>
    </ActionForm>
  );
}

type ImportAnswer = {
  imported?: { added: number; updated: number; total: number };
  error?: { code: string; message: string; details?: Record<string, { code: string; params?: Record<string, string | number> }> };
};

/** A CSV of members (email, name): refused whole, row by row, when a row is wrong. */
export function ImportMembersForm({ org, groupId }: { org: string; groupId: string }) {
  const t = useTranslations("groups.import");
  const tBulk = useTranslations("bulk");
  const tErrors = useTranslations("errors");
  const router = useRouter();
  const hydrated = useHydrated();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [pending, setPending] = useState(false);
  const [answer, setAnswer] = useState<ImportAnswer | null>(null);

  const issueText = (issue: { code: string; params?: Record<string, string | number> }) => {
    const params = { ...issue.params, ...(issue.params?.field ? { field: tBulk(`fields.${issue.params.field}` as never) } : {}) };
    if (t.has(`errors.${issue.code}`)) return t(`errors.${issue.code}`, params);
    if (tBulk.has(`issues.${issue.code}`)) return tBulk(`issues.${issue.code}`, params);
    return tErrors.has(`codes.${issue.code}`) ? tErrors(`codes.${issue.code}`, params) : issue.code;
  };

  async function send() {
    if (!file) return;
    setPending(true);
    setAnswer(null);
    const body = new FormData();
    body.set("file", file);
    try {
      const response = await fetch(`/dashboard/${org}/groups/${groupId}/upload`, { method: "POST", body });
      const result = (await response.json()) as ImportAnswer;
      setAnswer(result);
      if (result.imported) router.refresh();
    } catch {
      setAnswer({ error: { code: "internal", message: "" } });
    } finally {
      setPending(false);
    }
  }

  const details = Object.entries(answer?.error?.details ?? {});
  const fileProblem = answer?.error?.details?.file;
  const rows = details.filter(([key]) => key.startsWith("row."));
  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <div className="space-y-1">
        <label htmlFor={`${id}-file`} className="block text-sm font-medium text-stone-800">{t("file")}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,.txt,.tsv,text/csv"
          aria-describedby={`${id}-hint`}
          className="block w-full text-sm text-stone-800 file:mr-3 file:rounded-lg file:border file:border-stone-300 file:bg-white file:px-3 file:py-2 file:text-sm file:font-semibold"
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            setAnswer(null);
          }}
        />
        <p id={`${id}-hint`} className="text-xs text-stone-600">{t("hint")}</p>
      </div>
      {answer?.imported && <Alert tone="success">{t("done", answer.imported)}</Alert>}
      {answer?.error && (
        <Alert tone="error">
          <p>{fileProblem ? issueText(fileProblem) : tErrors.has(`codes.${answer.error.code}`) ? tErrors(`codes.${answer.error.code}`) : answer.error.message}</p>
          {rows.length > 0 && (
            <ul className="mt-2 list-disc pl-5" data-testid="group-import-problems">
              {rows.map(([key, issue]) => <li key={key}>{t("rowProblem", { row: key.slice(4), text: issueText(issue) })}</li>)}
            </ul>
          )}
        </Alert>
      )}
      <Button type="submit" variant="secondary" disabled={!hydrated || pending || !file}>{pending ? t("importing") : t("submit")}</Button>
    </form>
  );
}
