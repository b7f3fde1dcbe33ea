import { getTranslations } from "next-intl/server";
import { BillingBanner } from "@/components/billing/billing-banner";
import { BadgeIcon, CardIcon, ChartIcon, CogIcon, GroupIcon, HomeIcon, HookIcon, KeyIcon, LadderIcon, ListIcon, SendIcon, UsersIcon } from "@/components/dashboard/icons";
import { DashboardMenu } from "@/components/dashboard/dashboard-menu";
import { OrgSwitcher } from "@/components/dashboard/org-switcher";
import { SidebarNav } from "@/components/dashboard/sidebar-nav";
import { LanguageSwitcher } from "@/components/layout/language-switcher";
import { LaurelLogo } from "@/components/layout/logo";
import { UserMenu } from "@/components/layout/user-menu";
import { orgPage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";
import { learnerMenu } from "@/lib/backpack/learner-menu";
import { entitlementsOf } from "@/lib/billing/entitlements";
import { listMyOrganizations } from "@/lib/orgs/queries";

export default async function OrgDashboardLayout({ children, params }: { children: React.ReactNode; params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await orgPage(slug);
  const [t, tPrograms, tGroups, memberships, menu] = await Promise.all([
    getTranslations("dashboard.nav"),
    getTranslations("programs"),
    getTranslations("groups"),
    listMyOrganizations(ctx.user.id),
    learnerMenu(ctx.user.id),
  ]);
  const base = `/dashboard/${ctx.org.slug}`;
  const items = [
    { href: base, label: t("overview"), icon: <HomeIcon /> },
    { href: `${base}/achievements`, label: t("achievements"), icon: <BadgeIcon /> },
    { href: `${base}/issue`, label: t("issue"), icon: <SendIcon /> },
    { href: `${base}/credentials`, label: t("credentials"), icon: <ListIcon /> },
    { href: `${base}/groups`, label: tGroups("title"), icon: <GroupIcon /> },
    { href: `${base}/programs`, label: tPrograms("title"), icon: <LadderIcon /> },
    { href: `${base}/analytics`, label: t("analytics"), icon: <ChartIcon /> },
    { href: `${base}/members`, label: t("members"), icon: <UsersIcon /> },
    { href: `${base}/api-keys`, label: t("apiKeys"), icon: <KeyIcon /> },
    ...(can(ctx.role, "webhooks:manage") ? [{ href: `${base}/webhooks`, label: t("webhooks"), icon: <HookIcon /> }] : []),
    { href: `${base}/billing`, label: t("billing"), icon: <CardIcon /> },
    { href: `${base}/settings`, label: t("settings"), icon: <CogIcon /> },
  ];
  return (
    <div className="min-h-screen md:flex">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        {t("skip")}
      </a>
      <aside className="border-b border-stone-200 bg-stone-100 p-4 md:sticky md:top-0 md:h-screen md:w-64 md:shrink-0 md:border-b-0 md:border-r">
        <DashboardMenu brand={<LaurelLogo href="/dashboard" />} openLabel={t("openMenu")} closeLabel={t("closeMenu")}>
          <OrgSwitcher current={ctx.org} organizations={memberships.map((m) => m.organization)} />
          <SidebarNav items={items} label={t("label")} />
          <div className="mt-auto space-y-3 border-t border-stone-200 pt-4">
            {menu && <UserMenu menu={menu} inline />}
            <LanguageSwitcher />
          </div>
        </DashboardMenu>
      </aside>
      <main id="main" className="min-w-0 flex-1 p-6 md:p-10">
        <BillingBanner entitlements={entitlementsOf(ctx.org)} slug={ctx.org.slug} />
        {children}
      </main>
    </div>
  );
}
