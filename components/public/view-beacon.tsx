"use client";

import { useEffect } from "react";

// Once per page load, even when React runs effects twice in development.
const sent = new Set<string>();

/**
 * Tells the server a person saw the (cached) credential page. Link-preview crawlers run no
 * script, so they never send it. The page's own referrer travels in the body because the
 * beacon's Referer header is this page.
 */
export function ViewBeacon({ credentialId }: { credentialId: string }) {
  useEffect(() => {
    if (sent.has(credentialId)) return;
    sent.add(credentialId);
    const url = `/c/${encodeURIComponent(credentialId)}/view`;
    const body = JSON.stringify({ referrer: document.referrer || null });
    try {
      if (navigator.sendBeacon?.(url, new Blob([body], { type: "text/plain" }))) return;
    } catch {
      // fall back to fetch below
    }
    void fetch(url, { method: "POST", body, keepalive: true, headers: { "Content-Type": "text/plain" } }).catch(() => undefined);
  }, [credentialId]);
  return null;
}
