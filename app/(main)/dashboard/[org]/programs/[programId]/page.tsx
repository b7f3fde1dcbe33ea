import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { LadderGrid } from "@/components/programs/ladder";
import { Card, CardHeader } from "@/components/ui/card";
import { pageId } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";
import { describeRule, metricLabel, type DescribeTranslator } from "@/lib/programs/describe";
import { loadProgramDesigner } from "@/lib/programs/designer";
import { leaderboardSettings } from "@/lib/programs/leaderboard";
import { findProgram } from "@/lib/programs/manage";
import { LAUREL_METRICS } from "@/lib/programs/schemas";
import { ProgramForm } from "../program-form";
import { ArchiveProgramButton } from "./archive-program-button";
import { DeleteRuleButton } from "./delete-rule-button";
import { LeaderboardForm } from "./leaderboard-form";
import { ProgramImageForm } from "./program-image-form";
import { RuleForm } from "./rule-form";
import { TestMode } from "./test-mode";
import { featurePage } from "@/components/dashboard/feature-page";

type Props = { params: Promise<{ org: string; programId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { org, programId } = await params;
  const { ctx, blocked } = await featurePage(org, "programs");
  if (blocked) return { title: (await getTranslations("programs"))("title") };
  const program = await findProgram(ctx.org.id, pageId(programId));
  return { title: program?.name };
}

/** The program designer: details, metrics, rules in plain language, ladders, test mode. */
export default async function ProgramDesignerPage({ params }: Props) {
  const { org, programId } = await params;
  const { ctx, blocked } = await featurePage(org, "programs");
  if (blocked) return blocked;
  // The layout answered 404 for a missing program already; this reads the same row.
  const { program, achievements, names, ladders } = await loadProgramDesigner(ctx.org.id, pageId(programId));
  const [t, tDescribe, tBoard, locale, board] = await Promise.all([
    getTranslations("programs.designer"),
    getTranslations("programs.describe"),
    getTranslations("programLeaderboard"),
    getLocale(),
    leaderboardSettings(program.id),
  ]);
  const describe = tDescribe as unknown as DescribeTranslator;
  const canDesign = can(ctx.role, "programs:design");
  const labelOf = (key: string) => metricLabel(key, program.metrics, locale, describe);
  const metricOptions = [
    ...program.metrics.map((m) => ({ value: m.key, label: labelOf(m.key) })),
    ...LAUREL_METRICS.map((key) => ({ value: key, label: labelOf(key) })),
  ];
  const awarded = new Set(program.rules.map((rule) => rule.achievementId));
  return (
    <div className="space-y-6">
      <ProgramForm
        org={ctx.org.slug}
        readOnly={!canDesign}
        values={{
          id: program.id,
          name: program.name,
          description: program.description,
          visibility: program.visibility === "members" ? "members" : "public",
          enrolUrl: program.enrolUrl ?? "",
          metrics: program.metrics.map((m) => {
            const label = (m.label ?? {}) as Record<string, string>;
            return { key: m.key, labelEn: label.en ?? "", labelEs: label.es ?? "", unit: m.unit ?? "", aggregate: m.aggregate === "latest" ? "latest" : "sum" };
          }),
        }}
      />

      <Card>
        <CardHeader title={t("rulesTitle")} description={t("rulesBody")} id="rules-heading" />
        {program.rules.length === 0 ? (
          <p className="text-sm text-stone-700">{t("rulesEmpty")}</p>
        ) : (
          <ul className="divide-y divide-stone-100" aria-labelledby="rules-heading" data-testid="rules">
            {program.rules.map((rule) => {
              const sentence = describeRule(
                rule,
                { metricLabel: rule.metric ? labelOf(rule.metric) : undefined, achievementName: rule.achievement.name, requiresNames: rule.requires.map((id) => names.get(id) ?? id) },
                describe,
              );
              return (
                <li key={rule.id} className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="rule">
                  <span className="text-stone-900">
                    {sentence}
                    {rule.kind === "pathway" && rule.revokeWithRequirements && <span className="ml-2 text-xs text-stone-600">{t("revokesWithRequirements")}</span>}
                  </span>
                  {canDesign && <DeleteRuleButton org={ctx.org.slug} programId={program.id} ruleId={rule.id} sentence={sentence} />}
                </li>
              );
            })}
          </ul>
        )}
        <LadderGrid
          className="mt-6"
          ladders={ladders}
          words={{
            title: (metric) => t("ladderTitle", { metric: labelOf(metric) }),
            level: (n) => t("ladderLevel", { n }),
            threshold: (value, metric) => t("ladderThreshold", { value, metric: labelOf(metric) }),
          }}
        />
      </Card>

      {canDesign && (
        <RuleForm
          org={ctx.org.slug}
          programId={program.id}
          achievements={achievements.filter((a) => !awarded.has(a.id))}
          allAchievements={achievements}
          metrics={metricOptions}
        />
      )}

      {can(ctx.role, "programs:events") && (
        <TestMode org={ctx.org.slug} programId={program.id} metrics={program.metrics.map((m) => ({ value: m.key, label: labelOf(m.key) }))} defaultEmail={ctx.user.email} />
      )}

      <Card>
        <CardHeader title={tBoard("title")} description={tBoard("body")} />
        <LeaderboardForm
          org={ctx.org.slug}
          programId={program.id}
          readOnly={!canDesign}
          metrics={metricOptions}
          values={{ enabled: board !== null, metric: board?.metric ?? "", period: board?.period ?? "all", size: board?.size ?? 10 }}
        />
      </Card>

      <Card>
        <CardHeader title={t("imageTitle")} description={t("imageBody")} />
        <ProgramImageForm org={ctx.org.slug} programId={program.id} image={program.image} readOnly={!canDesign} />
      </Card>

      {canDesign && (
        <Card>
          <CardHeader title={program.archivedAt ? t("restoreTitle") : t("archiveTitle")} description={program.archivedAt ? t("restoreBody") : t("archiveBody")} />
          <ArchiveProgramButton org={ctx.org.slug} programId={program.id} archived={program.archivedAt !== null} />
        </Card>
      )}
    </div>
  );
}
