import { afterEach, describe, expect, it } from "vitest";
import { reloadEnv } from "@/lib/env";
import { createOrgWith, createUser } from "@/lib/test/factories";
import { loadBillingOverview } from "./overview";

const STRIPE_VARIABLES = ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_PRICE_PRO_MONTHLY", "STRIPE_PRICE_PRO_YEARLY", "STRIPE_PRICE_BUSINESS_MONTHLY", "STRIPE_PRICE_BUSINESS_YEARLY", "STRIPE_API_URL", "SELF_HOSTED"];

async function newOrg() {
  const owner = await createUser();
  return createOrgWith([{ userId: owner.id, role: "owner" }], "Overview Academy");
}

function withEnvironment(values: Record<string, string>) {
  for (const name of STRIPE_VARIABLES) delete process.env[name];
  Object.assign(process.env, values);
  reloadEnv();
}

afterEach(() => withEnvironment({}));

describe("the billing page's data", () => {
  it("says billing is not configured without Stripe keys, offers no price, and still shows the plan and usage", async () => {
    withEnvironment({});
    const org = await newOrg();
    const overview = await loadBillingOverview(org.id);
    expect(overview).toMatchObject({ configured: false, selfHosted: false, hasLiveSubscription: false, usage: { issued: 0, members: 1 } });
    expect(overview.entitlements).toMatchObject({ plan: "pro", reason: "trial" });
    expect(overview.plans.every((plan) => !plan.offered.month && !plan.offered.year)).toBe(true);
  });

  it("offers the periods that have a Stripe price", async () => {
    withEnvironment({ STRIPE_SECRET_KEY: "sk_test_overview", STRIPE_PRICE_PRO_MONTHLY: "price_pm", STRIPE_PRICE_BUSINESS_YEARLY: "price_by" });
    const overview = await loadBillingOverview((await newOrg()).id);
    expect(overview.configured).toBe(true);
    expect(Object.fromEntries(overview.plans.map((plan) => [plan.id, plan.offered]))).toEqual({
      free: { month: false, year: false },
      pro: { month: true, year: false },
      business: { month: false, year: true },
    });
  });

  it("names a self-hosted install, with no limits", async () => {
    withEnvironment({ SELF_HOSTED: "true" });
    const overview = await loadBillingOverview((await newOrg()).id);
    expect(overview).toMatchObject({ selfHosted: true, entitlements: { reason: "self_hosted", monthlyCredentials: null, members: null } });
  });
});
