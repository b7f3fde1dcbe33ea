// Accessibility check with axe-core: fails on serious and critical violations and prints them
// so a person can fix them without opening a report.
import AxeBuilder from "@axe-core/playwright";
import { test, type Page, type TestInfo } from "@playwright/test";

type Impact = "minor" | "moderate" | "serious" | "critical";

export interface A11yCheckOptions {
  /** Only check inside these selectors. */
  include?: string | string[];
  /** Leave these selectors out (e.g. third-party widgets). */
  exclude?: string | string[];
  /** axe rule ids to skip, each with a reason in the spec, please. */
  disableRules?: string[];
  /** Impacts that fail the check (default: serious and critical). */
  failOn?: Impact[];
}

export interface A11yViolation {
  id: string;
  impact: string;
  help: string;
  helpUrl: string;
  nodes: { target: string; html: string; summary: string }[];
}

export interface A11y {
  /**
   * Runs axe on the page as it is now. Throws a readable error listing the violations whose
   * impact is in `failOn`; otherwise returns every violation found (minor ones included).
   */
  check(options?: A11yCheckOptions): Promise<A11yViolation[]>;
}

const asList = (value?: string | string[]) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

export function formatViolations(url: string, violations: A11yViolation[]): string {
  const lines = [`${violations.length} accessibility violation(s) on ${url}:`];
  for (const violation of violations) {
    lines.push("", `[${violation.impact}] ${violation.id}: ${violation.help}`, `  ${violation.helpUrl}`);
    for (const node of violation.nodes.slice(0, 5)) {
      lines.push(`  - ${node.target}`, `    ${node.html.replace(/\s+/g, " ").slice(0, 200)}`);
      for (const line of node.summary.split("\n").filter(Boolean)) {
        lines.push(/^Fix (any|all)/.test(line.trim()) ? `    ${line.trim()}` : `      ${line.trim()}`);
      }
    }
    if (violation.nodes.length > 5) lines.push(`  … and ${violation.nodes.length - 5} more element(s)`);
  }
  return lines.join("\n");
}

export function createA11y(page: Page, testInfo: TestInfo): A11y {
  return {
    check({ include, exclude, disableRules = [], failOn = ["serious", "critical"] } = {}) {
      // A boxed step: a failure points at the spec line that asked for the check.
      return test.step("accessibility check (axe)", async () => {
        let builder = new AxeBuilder({ page });
        for (const selector of asList(include)) builder = builder.include(selector);
        for (const selector of asList(exclude)) builder = builder.exclude(selector);
        if (disableRules.length) builder = builder.disableRules(disableRules);
        const results = await builder.analyze();
        await testInfo.attach("axe-results.json", {
          body: JSON.stringify(results.violations, null, 2),
          contentType: "application/json",
        });
        const violations: A11yViolation[] = results.violations.map((violation) => ({
          id: violation.id,
          impact: violation.impact ?? "unknown",
          help: violation.help,
          helpUrl: violation.helpUrl,
          nodes: violation.nodes.map((node) => ({
            target: node.target.map(String).join(" "),
            html: node.html,
            summary: node.failureSummary ?? "",
          })),
        }));
        const failing = violations.filter((violation) => failOn.includes(violation.impact as Impact));
        if (failing.length) throw new Error(formatViolations(page.url(), failing));
        return violations;
      }, { box: true });
    },
  };
}
