import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/dashboard/page-header";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader } from "@/components/ui/card";
import { orgPage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";
import { env } from "@/lib/env";
import { publishedKeys } from "@/lib/issuing/signing-keys";
import { listAuditLog } from "@/lib/orgs/queries";
import { OrganizationSettingsForm } from "./organization-settings-form";
import { RotateKeyButton } from "./rotate-key-button";
import { EmailSettingsForm } from "./email-settings-form";
import { emailSettings } from "@/lib/email/engagement/settings";
import { TableHead } from "@/components/ui/table-head";
import Link from "next/link";
import { entitlementsOf, upgradePath } from "@/lib/billing/entitlements";
import { getEmailSender } from "@/lib/email/sender/sender";
import { EmailSenderForm } from "./email-sender-form";
import { listDomains } from "@/lib/sso/domains";
import { DomainsForm } from "./domains-form";
import { ssoSettingsView } from "@/lib/sso/connections";
import { SsoForm } from "./sso-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dashboard.settings"))("title") };
}

export default async function SettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await orgPage(slug);
  const canEdit = can(ctx.role, "org:update");
  const [t, tEmails, tSender, tDomains, tSso, tAudit, format, audit, keys, emails, sender, domains, sso] = await Promise.all([
    getTranslations("dashboard.settings"),
    getTranslations("engagementEmails.settings"),
    getTranslations("emailSender"),
    getTranslations("domains"),
    getTranslations("sso.settings"),
    getTranslations("audit"),
    getFormatter(),
    can(ctx.role, "audit:read") ? listAuditLog(ctx.org.id, 100) : Promise.resolve([]),
    publishedKeys(ctx.org.id),
    emailSettings(ctx.org.id),
    getEmailSender(ctx.org.id),
    listDomains(ctx.org.id),
    ssoSettingsView(ctx.org.id),
  ]);
  const tLti = await getTranslations("lti.settings");
  const features = entitlementsOf(ctx.org).features;
  const ownSender = features.includes("customEmailSender");
  const ssoPlan = features.includes("sso");
  return (
    <>
      <PageHeader title={t("title")} description={t("subtitle")} />
      <div className="space-y-6">
        <Card>
          <CardHeader title={t("profileTitle")} description={t("profileBody")} />
          {!canEdit && <Alert tone="info" className="mb-4">{t("readOnly")}</Alert>}
          <OrganizationSettingsForm
            // Only what the form shows reaches the browser (not the organization's billing fields).
            org={{ name: ctx.org.name, slug: ctx.org.slug, website: ctx.org.website, description: ctx.org.description, logo: ctx.org.logo, primaryColor: ctx.org.primaryColor, secondaryColor: ctx.org.secondaryColor, linkedinOrganizationId: ctx.org.linkedinOrganizationId }}
            readOnly={!canEdit}
          />
          <dl className="mt-6 border-t border-stone-200 pt-4 text-sm">
            <dt className="font-medium text-stone-800">{t("issuerId")}</dt>
            <dd className="mt-1 break-all font-mono text-stone-700">{`${env().BASE_URL}/o/${ctx.org.id}`}</dd>
            <dd className="mt-1 text-xs text-stone-600">{t("issuerIdHint")}</dd>
          </dl>
        </Card>
        <Card>
          <CardHeader title={tEmails("title")} description={tEmails("body")} id="email-settings-heading" />
          <EmailSettingsForm org={ctx.org.slug} settings={emails} readOnly={!canEdit} />
        </Card>
        <Card>
          <div id="email-sender">
            <CardHeader title={tSender("title")} description={tSender("body")} />
            {!ownSender && <PlanNote text={tSender("businessOnly")} link={tSender("seePlans")} href={upgradePath(ctx.org.slug)} />}
            {(ownSender || sender) && (
              <EmailSenderForm
                org={ctx.org.slug}
                sender={sender}
                readOnly={!canEdit || !ownSender}
                lastChecked={sender?.lastCheckedAt ? format.dateTime(sender.lastCheckedAt, { dateStyle: "medium", timeStyle: "short" }) : null}
              />
            )}
          </div>
        </Card>
        <Card>
          <div id="domains">
            <CardHeader title={tDomains("title")} description={tDomains("body")} />
            {!ssoPlan && <PlanNote text={tDomains("businessOnly")} link={tDomains("seePlans")} href={upgradePath(ctx.org.slug)} />}
            {(ssoPlan || domains.length > 0) && (
              <DomainsForm
                org={ctx.org.slug}
                domains={domains.map((domain) => ({ ...domain, lastCheckedLabel: domain.lastCheckedAt ? format.dateTime(domain.lastCheckedAt, { dateStyle: "medium", timeStyle: "short" }) : null }))}
                readOnly={!canEdit || !ssoPlan}
              />
            )}
          </div>
        </Card>
        <Card>
          <div id="sso">
            <CardHeader title={tSso("title")} description={tSso("body")} />
            {!ssoPlan && <PlanNote text={tDomains("businessOnly")} link={tDomains("seePlans")} href={upgradePath(ctx.org.slug)} />}
            {(ssoPlan || sso.connection) && <SsoForm org={ctx.org.slug} view={sso} readOnly={!canEdit || !ssoPlan} />}
          </div>
        </Card>
        <Card>
          <div id="lti">
            <CardHeader title={tLti("cardTitle")} description={tLti("cardBody")} />
            <Link href={`/dashboard/${ctx.org.slug}/settings/lti`} className="text-sm font-semibold text-brand-800 underline">{tLti("cardLink")}</Link>
          </div>
        </Card>
        <Card>
          <CardHeader title={t("keysTitle")} description={t("keysBody")} id="keys-heading" />
          {keys.length === 0 ? (
            <p className="text-sm text-stone-700">{t("keysEmpty")}</p>
          ) : (
            <div className="relative overflow-x-auto">
              <table className="w-full text-left text-sm" aria-labelledby="keys-heading">
                <TableHead columns={[t("keyId"), t("keyStatus"), t("keyCreated")]} />
                <tbody className="divide-y divide-stone-100">
                  {keys.map((key) => (
                    <tr key={key.keyId} data-testid="signing-key-row">
                      <td className="py-2 pr-4 font-mono text-stone-900">{key.keyId}</td>
                      <td className="py-2 pr-4">{t(`keyStatuses.${key.status}`)}</td>
                      <td className="py-2 text-stone-700">{format.dateTime(key.createdAt, { dateStyle: "medium" })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {can(ctx.role, "keys:rotate") && <RotateKeyButton org={ctx.org.slug} first={keys.length === 0} />}
        </Card>
        {can(ctx.role, "audit:read") && (
          <Card>
            <CardHeader title={t("auditTitle")} description={t("auditBody")} id="audit-heading" />
            {audit.length === 0 ? (
              <p className="text-sm text-stone-700">{t("auditEmpty")}</p>
            ) : (
              <div className="relative overflow-x-auto">
                <table className="w-full text-left text-sm" aria-labelledby="audit-heading">
                  <TableHead columns={[t("auditWhen"), t("auditWho"), t("auditWhat")]} />
                  <tbody className="divide-y divide-stone-100">
                    {audit.map((entry) => (
                      <tr key={entry.id}>
                        <td className="py-2 pr-4 text-stone-700">
                          <time dateTime={entry.createdAt.toISOString()}>{format.dateTime(entry.createdAt, { dateStyle: "medium", timeStyle: "short" })}</time>
                        </td>
                        <td className="py-2 pr-4 text-stone-900">{entry.actor?.name ?? entry.actor?.email ?? tAudit("system")}</td>
                        <td className="py-2 text-stone-800">{tAudit.has(entry.action) ? tAudit(entry.action) : entry.action}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Card>
        )}
      </div>
    </>
  );
}

/** What a card needs a higher plan for, and the way to the plans. */
function PlanNote({ text, link, href }: { text: string; link: string; href: string }) {
  return (
    <Alert tone="info" className="mb-4">
      {text}{" "}
      <Link href={href} className="font-semibold underline">{link}</Link>
    </Alert>
  );
}
