import { CopyButton } from "./copy-button";

/**
 * A block of code in the docs: light text on a dark ground (well over 7:1), scrolling sideways
 * inside its own box on a narrow screen, and focusable so a keyboard can scroll it too, with a
 * button that copies it. `label` names it in a small heading of the level the surrounding outline
 * needs, and names what the button copies.
 */
export function CodeBlock({ code, label, level = 4 }: { code: string; label?: string; level?: 3 | 4 }) {
  const Heading = level === 3 ? "h3" : "h4";
  return (
    <div className="mt-4 min-w-0">
      <div className="flex flex-wrap items-end justify-between gap-2">
        {label ? <Heading className="text-sm font-semibold text-stone-900">{label}</Heading> : <span />}
        <CopyButton text={code} label={label} />
      </div>
      <pre className="mt-1 max-w-full overflow-x-auto rounded-lg bg-stone-900 p-4 text-xs leading-relaxed text-stone-100" tabIndex={0}>
        <code>{code}</code>
      </pre>
    </div>
  );
}

/** A short piece of code inside running text; long paths wrap rather than widen the page. */
export function InlineCode({ children }: { children: React.ReactNode }) {
  return <code className="rounded bg-stone-100 px-1.5 py-0.5 font-mono text-[0.85em] break-words text-stone-900">{children}</code>;
}
