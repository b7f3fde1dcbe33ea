"use client";

import { useEffect } from "react";

/**
 * Tells the page embedding this frame how tall the content is, so Laurel's embed.js can size
 * the iframe to fit (a plain iframe snippet keeps its fixed height). Heights are not secret.
 */
export function EmbedResize({ targetId }: { targetId: string }) {
  useEffect(() => {
    const target = document.getElementById(targetId);
    if (!target || window.parent === window) return;
    const post = () => window.parent.postMessage({ type: "laurel:embed-height", height: Math.ceil(target.getBoundingClientRect().height) }, "*");
    const observer = new ResizeObserver(post);
    observer.observe(target);
    post();
    return () => observer.disconnect();
  }, [targetId]);
  return null;
}
