import enBase from "./messages/en.json";
import enApi from "./messages/en.api.json";
import enBulk from "./messages/en.bulk.json";
import enCredentials from "./messages/en.credentials.json";
import enDesign from "./messages/en.design.json";
import enGallery from "./messages/en.gallery.json";
import enWebhooks from "./messages/en.webhooks.json";
import esBase from "./messages/es.json";
import esApi from "./messages/es.api.json";
import esBulk from "./messages/es.bulk.json";
import enBulkTools from "./messages/en.bulkTools.json";
import esBulkTools from "./messages/es.bulkTools.json";
import enGroups from "./messages/en.groups.json";
import esGroups from "./messages/es.groups.json";
import esCredentials from "./messages/es.credentials.json";
import esDesign from "./messages/es.design.json";
import esGallery from "./messages/es.gallery.json";
import enBackpack from "./messages/en.backpack.json";
import esBackpack from "./messages/es.backpack.json";
import enPublic from "./messages/en.public.json";
import esPublic from "./messages/es.public.json";
import enSharing from "./messages/en.sharing.json";
import esSharing from "./messages/es.sharing.json";
import enAccount from "./messages/en.account.json";
import esAccount from "./messages/es.account.json";
import enCards from "./messages/en.cards.json";
import esCards from "./messages/es.cards.json";
import enAnalytics from "./messages/en.analytics.json";
import esAnalytics from "./messages/es.analytics.json";
import enBilling from "./messages/en.billing.json";
import esBilling from "./messages/es.billing.json";
import enPrograms from "./messages/en.programs.json";
import esPrograms from "./messages/es.programs.json";
import enProgramInsights from "./messages/en.programInsights.json";
import esProgramInsights from "./messages/es.programInsights.json";
import enProgramEvents from "./messages/en.programEvents.json";
import esProgramEvents from "./messages/es.programEvents.json";
import enPublicConvert from "./messages/en.publicConvert.json";
import esPublicConvert from "./messages/es.publicConvert.json";
import enCardStates from "./messages/en.cardStates.json";
import esCardStates from "./messages/es.cardStates.json";
import enProgram from "./messages/en.program.json";
import esProgram from "./messages/es.program.json";
import enHome from "./messages/en.home.json";
import esHome from "./messages/es.home.json";
import enEmail from "./messages/en.email.json";
import esEmail from "./messages/es.email.json";
import enVerifier from "./messages/en.verifier.json";
import esVerifier from "./messages/es.verifier.json";
import enCertificates from "./messages/en.certificates.json";
import esCertificates from "./messages/es.certificates.json";
import enAwardEmail from "./messages/en.awardEmail.json";
import esAwardEmail from "./messages/es.awardEmail.json";
import enScheduling from "./messages/en.scheduling.json";
import esScheduling from "./messages/es.scheduling.json";
import enEmailSender from "./messages/en.emailSender.json";
import esEmailSender from "./messages/es.emailSender.json";
import enDomains from "./messages/en.domains.json";
import esDomains from "./messages/es.domains.json";
import enSso from "./messages/en.sso.json";
import esSso from "./messages/es.sso.json";
import type { Locale } from "./config";

import esWebhooks from "./messages/es.webhooks.json";
import enOauth from "./messages/en.oauth.json";
import esOauth from "./messages/es.oauth.json";
import enApiReference from "./messages/en.apiReference.json";
import esApiReference from "./messages/es.apiReference.json";
import enLti from "./messages/en.lti.json";
import esLti from "./messages/es.lti.json";
type Tree = { [key: string]: string | Tree };

/** Deep merge: `override`'s keys win, nested objects merge. */
function merge(base: Tree, override: Tree): Tree {
  const merged: Tree = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const existing = base[key];
    merged[key] = typeof value === "object" && typeof existing === "object" ? merge(existing, value) : value;
  }
  return merged;
}

// Each feature keeps its strings in its own file (en.<feature>.json), merged into one catalog.
const mergeAll = (...trees: object[]) => trees.reduce<Tree>((all, tree) => merge(all, tree as Tree), {});

/** The whole English catalog and the whole Spanish one, as next-intl sees them. */
export const catalogs = {
  en: mergeAll(enBase, enApi, enApiReference, enBulk, enBulkTools, enGroups, enCredentials, enDesign, enGallery, enBackpack, enPublic, enSharing, enAccount, enCards, enAnalytics, enBilling, enPrograms, enProgramInsights, enProgramEvents, enPublicConvert, enCardStates, enProgram, enHome, enEmail, enVerifier, enWebhooks, enOauth, enCertificates, enAwardEmail, enScheduling, enEmailSender, enDomains, enSso, enLti),
  es: mergeAll(esBase, esApi, esApiReference, esBulk, esBulkTools, esGroups, esCredentials, esDesign, esGallery, esBackpack, esPublic, esSharing, esAccount, esCards, esAnalytics, esBilling, esPrograms, esProgramInsights, esProgramEvents, esPublicConvert, esCardStates, esProgram, esHome, esEmail, esVerifier, esWebhooks, esOauth, esCertificates, esAwardEmail, esScheduling, esEmailSender, esDomains, esSso, esLti),
};

export type Messages = typeof enBase;

// Spanish falls back to English for any key it lacks, so a partial locale never shows raw keys.
const catalog: Record<Locale, Messages> = {
  en: catalogs.en as Messages,
  es: merge(catalogs.en, catalogs.es) as Messages,
};

export function messagesFor(locale: Locale): Messages {
  return catalog[locale];
}
