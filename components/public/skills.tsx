import type { PublicAlignment } from "@/lib/issuing/public-views";

/** Skills (achievement tags) as chips. */
export function SkillList({ skills, label }: { skills: string[]; label: string }) {
  return (
    <ul aria-label={label} className="flex flex-wrap gap-2">
      {skills.map((skill) => (
        <li key={skill} className="rounded-full border border-stone-300 bg-stone-50 px-3 py-1 text-sm text-stone-800">{skill}</li>
      ))}
    </ul>
  );
}

/** Frameworks and standards an achievement is aligned to, linked where they have an address. */
export function AlignmentList({ alignments, codeLabel }: { alignments: PublicAlignment[]; codeLabel: (code: string) => string }) {
  return (
    <ul className="space-y-2">
      {alignments.map((a, index) => (
        <li key={`${a.targetName}-${index}`} className="text-sm text-stone-800">
          {a.targetUrl ? (
            <a href={a.targetUrl} rel="nofollow noopener" className="font-medium link">{a.targetName}</a>
          ) : (
            <span className="font-medium">{a.targetName}</span>
          )}
          {(a.targetFramework || a.targetCode) && (
            <span className="text-stone-700">
              {" — "}
              {[a.targetFramework, a.targetCode ? codeLabel(a.targetCode) : null].filter(Boolean).join(" · ")}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The skills and alignments sections of a credential or achievement page, side by side. */
export function SkillsAndAlignments({
  skills,
  alignments,
  titles,
  codeLabel,
}: {
  skills: string[];
  alignments: PublicAlignment[];
  titles: { skills: string; alignments: string };
  codeLabel: (code: string) => string;
}) {
  if (skills.length === 0 && alignments.length === 0) return null;
  return (
    <div className="mt-8 grid gap-6 sm:grid-cols-2">
      {skills.length > 0 && (
        <section aria-labelledby="skills-title">
          <h2 id="skills-title" className="text-lg font-semibold text-stone-900">{titles.skills}</h2>
          <div className="mt-2"><SkillList skills={skills} label={titles.skills} /></div>
        </section>
      )}
      {alignments.length > 0 && (
        <section aria-labelledby="alignments-title">
          <h2 id="alignments-title" className="text-lg font-semibold text-stone-900">{titles.alignments}</h2>
          <div className="mt-2"><AlignmentList alignments={alignments} codeLabel={codeLabel} /></div>
        </section>
      )}
    </div>
  );
}
