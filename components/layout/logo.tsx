import Link from "next/link";

export function LaurelMark({ className = "h-8 w-8" }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden="true">
      <circle cx="16" cy="16" r="15" fill="#1f5f4a" />
      <path d="M10 22c0-6 2-10 6-12M22 22c0-6-2-10-6-12" stroke="#e3b23c" strokeWidth="2" fill="none" strokeLinecap="round" />
      <path d="M9 17c2 0 3 1 3.5 2.5M23 17c-2 0-3 1-3.5 2.5M10 12.5c1.8.4 2.6 1.5 2.8 3M22 12.5c-1.8.4-2.6 1.5-2.8 3" stroke="#e3b23c" strokeWidth="1.6" fill="none" strokeLinecap="round" />
      <circle cx="16" cy="9" r="1.6" fill="#e3b23c" />
    </svg>
  );
}

/** `plain`: an ordinary link, for the cached public pages (no client component, no prefetch). */
export function LaurelLogo({ href = "/", plain = false }: { href?: string; plain?: boolean }) {
  const Anchor = plain ? "a" : Link;
  return (
    <Anchor href={href} className="flex items-center gap-2 rounded text-lg font-bold text-stone-900">
      <LaurelMark />
      <span>Laurel</span>
    </Anchor>
  );
}
