"use client";

import { useEffect, useState } from "react";

export type EndpointLink = { id: string; method: string; summary: string };

function Links({ endpoints, current }: { endpoints: EndpointLink[]; current: string | null }) {
  return (
    <ul className="space-y-0.5 text-sm">
      {endpoints.map((endpoint) => (
        <li key={endpoint.id}>
          <a
            href={`#${endpoint.id}`}
            aria-current={endpoint.id === current ? "location" : undefined}
            className="flex gap-2 rounded-md px-2 py-1 text-stone-800 hover:bg-stone-100 focus-visible:outline-2 focus-visible:outline-brand-700 aria-[current=location]:bg-brand-50 aria-[current=location]:font-semibold aria-[current=location]:text-brand-900"
          >
            <span className="w-14 shrink-0 font-mono text-xs leading-5 text-stone-600">{endpoint.method}</span>{" "}
            <span>{endpoint.summary}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

/**
 * The reference's list of endpoints: beside the page and following it on a wide screen, folded
 * behind a summary on a phone. The endpoint being read is marked as the current location.
 */
export function EndpointNav({ endpoints, title, toggle }: { endpoints: EndpointLink[]; title: string; toggle: string }) {
  const [current, setCurrent] = useState<string | null>(null);

  useEffect(() => {
    const articles = endpoints.map((endpoint) => document.getElementById(endpoint.id)).filter((element): element is HTMLElement => element !== null);
    const visible = new Set<string>();
    const observer = new IntersectionObserver(
      (changes) => {
        for (const change of changes) {
          if (change.isIntersecting) visible.add(change.target.id);
          else visible.delete(change.target.id);
        }
        // The first endpoint in reading order that is in the upper part of the screen.
        setCurrent(endpoints.find((endpoint) => visible.has(endpoint.id))?.id ?? null);
      },
      { rootMargin: "0px 0px -60% 0px" },
    );
    for (const article of articles) observer.observe(article);
    return () => observer.disconnect();
  }, [endpoints]);

  return (
    <>
      <details className="rounded-lg border border-stone-200 bg-white lg:hidden">
        <summary className="cursor-pointer px-4 py-3 text-sm font-semibold text-stone-900">{toggle}</summary>
        <nav aria-label={title} className="border-t border-stone-200 px-2 py-2">
          <Links endpoints={endpoints} current={current} />
        </nav>
      </details>
      <nav aria-label={title} className="hidden lg:block">
        <p className="px-2 text-xs font-semibold tracking-wide text-stone-600">{title}</p>
        <div className="mt-2">
          <Links endpoints={endpoints} current={current} />
        </div>
      </nav>
    </>
  );
}
