"use client";

import { usePathname } from "next/navigation";
import { useId, useState } from "react";
import { cn } from "@/components/ui/cn";

/**
 * The dashboard's sidebar. On a phone it folds behind a Menu button under the logo (the links
 * took a screen and a half above every page) and folds again after each navigation; from `md`
 * up it is always open.
 */
export function DashboardMenu({ brand, openLabel, closeLabel, children }: { brand: React.ReactNode; openLabel: string; closeLabel: string; children: React.ReactNode }) {
  const pathname = usePathname();
  // Open for the page it was opened on: navigating closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const panel = useId();
  return (
    <div className="flex h-full flex-col gap-4">
      <div className="flex items-center justify-between gap-3">
        {brand}
        <button
          type="button"
          className="inline-flex items-center gap-2 rounded-lg border border-stone-300 bg-white px-3 py-1.5 text-sm font-semibold text-stone-900 md:hidden"
          aria-expanded={open}
          aria-controls={panel}
          onClick={() => setOpenOn(open ? null : pathname)}
        >
          <span aria-hidden="true">{open ? "✕" : "☰"}</span>
          {open ? closeLabel : openLabel}
        </button>
      </div>
      <div id={panel} className={cn("flex-1 flex-col gap-4 md:flex", open ? "flex" : "hidden")} data-testid="dashboard-menu">
        {children}
      </div>
    </div>
  );
}
