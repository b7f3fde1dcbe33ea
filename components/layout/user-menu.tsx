"use client";

import Link from "next/link";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import type { LearnerMenu } from "@/lib/backpack/learner-menu";

const itemClasses = "block w-full rounded-md px-3 py-2 text-left text-sm text-stone-800 hover:bg-stone-100 focus-visible:bg-stone-100";

/**
 * The signed-in person's menu: backpack, profile, account, their organizations' dashboards and
 * sign out. A disclosure button (aria-expanded) over a list of links: Tab walks it, Escape or a
 * click elsewhere closes it. `inline` is the dashboard sidebar's version: full width, opening
 * upwards from the sidebar's foot.
 */
export function UserMenu({ menu, inline = false }: { menu: LearnerMenu; inline?: boolean }) {
  const t = useTranslations("learnerHome.menu");
  const [open, setOpen] = useState(false);
  const listId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    // Focus leaving the menu (Tab past its last link) closes it too.
    const onFocus = (event: FocusEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    document.addEventListener("focusin", onFocus);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("focusin", onFocus);
    };
  }, [open]);

  return (
    <div ref={root} className={cn("relative", inline && "w-full")}>
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((value) => !value)}
        className={cn(
          "inline-flex max-w-full items-center gap-2 rounded-lg border border-stone-300 bg-white px-3 py-1.5 text-sm font-semibold text-stone-900 hover:bg-stone-100",
          inline && "w-full",
        )}
      >
        <span aria-hidden="true" className="flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-brand-700 text-xs font-bold text-white">
          {menu.name.slice(0, 1).toUpperCase()}
        </span>
        <span className="max-w-[10rem] truncate">{menu.name}</span>
        <span className="sr-only">{t("label")}</span>
        <span aria-hidden="true" className="ml-auto text-xs text-stone-600">{open ? "▴" : "▾"}</span>
      </button>
      <div
        id={listId}
        hidden={!open}
        className={cn(
          "z-40 min-w-56 rounded-xl border border-stone-200 bg-white p-2 shadow-lg",
          // In the sidebar the button sits at the bottom of a screen-high column: open upwards.
          inline ? "absolute inset-x-0 bottom-full mb-2" : "absolute right-0 mt-2 max-w-[calc(100vw-2rem)]",
        )}
      >
        <nav aria-label={t("label")}>
          <ul className="space-y-0.5" data-testid="user-menu">
            <li><Link href="/backpack" className={itemClasses} onClick={() => setOpen(false)}>{t("backpack")}</Link></li>
            <li>
              <Link href={menu.profile.href} className={itemClasses} onClick={() => setOpen(false)}>
                {menu.profile.isPublic ? t("profile") : t("profileSetup")}
              </Link>
            </li>
            <li><Link href="/account" className={itemClasses} onClick={() => setOpen(false)}>{t("account")}</Link></li>
          </ul>
          {menu.organizations.length > 0 && (
            <>
              <p className="mt-2 border-t border-stone-200 px-3 pb-1 pt-3 text-xs font-semibold uppercase tracking-wide text-stone-600">{t("dashboards")}</p>
              <ul className="space-y-0.5">
                {menu.organizations.map((org) => (
                  <li key={org.slug}>
                    <Link href={`/dashboard/${org.slug}`} className={cn(itemClasses, "truncate")} onClick={() => setOpen(false)}>
                      {t("dashboardOf", { org: org.name })}
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          )}
          <div className="mt-2 border-t border-stone-200 pt-2">
            {menu.organizations.length === 0 && (
              <Link href="/dashboard/new" className={itemClasses} onClick={() => setOpen(false)}>{t("createOrganization")}</Link>
            )}
            <button type="button" className={itemClasses} onClick={() => signOut({ callbackUrl: "/" })}>{t("signOut")}</button>
          </div>
        </nav>
      </div>
    </div>
  );
}
