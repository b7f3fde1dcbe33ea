/**
 * The names LTI 1.3 and LTI Advantage give their claims, scopes, roles and media types, exactly as
 * the IMS specifications spell them (Core 1.3, Security Framework 1.0, Deep Linking 2.0,
 * Assignment and Grade Services 2.0, Names and Role Provisioning Services 2.0). Pure data.
 */

export const LTI_VERSION = "1.3.0";

export const CLAIM = {
  messageType: "https://purl.imsglobal.org/spec/lti/claim/message_type",
  version: "https://purl.imsglobal.org/spec/lti/claim/version",
  deploymentId: "https://purl.imsglobal.org/spec/lti/claim/deployment_id",
  targetLinkUri: "https://purl.imsglobal.org/spec/lti/claim/target_link_uri",
  resourceLink: "https://purl.imsglobal.org/spec/lti/claim/resource_link",
  roles: "https://purl.imsglobal.org/spec/lti/claim/roles",
  context: "https://purl.imsglobal.org/spec/lti/claim/context",
  custom: "https://purl.imsglobal.org/spec/lti/claim/custom",
  launchPresentation: "https://purl.imsglobal.org/spec/lti/claim/launch_presentation",
  deepLinkingSettings: "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings",
  contentItems: "https://purl.imsglobal.org/spec/lti-dl/claim/content_items",
  deepLinkingData: "https://purl.imsglobal.org/spec/lti-dl/claim/data",
  agsEndpoint: "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint",
  nrps: "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice",
} as const;

export const MESSAGE_TYPES = { resourceLink: "LtiResourceLinkRequest", deepLinking: "LtiDeepLinkingRequest", deepLinkingResponse: "LtiDeepLinkingResponse" } as const;

export const SCOPES = {
  lineItemReadonly: "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
  resultReadonly: "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
  membershipReadonly: "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
} as const;
/** What Laurel asks a platform for: read line items and results, read the course roster. */
export const TOOL_SCOPES = [SCOPES.lineItemReadonly, SCOPES.resultReadonly, SCOPES.membershipReadonly] as const;

export const MEDIA_TYPES = {
  lineItems: "application/vnd.ims.lis.v2.lineitemcontainer+json",
  results: "application/vnd.ims.lis.v2.resultcontainer+json",
  memberships: "application/vnd.ims.lti-nrps.v2.membershipcontainer+json",
} as const;

/** The custom parameter a placed badge carries (deep linking writes it, launches read it back). */
export const ACHIEVEMENT_PARAMETER = "laurel_achievement_id";

const LIS = "http://purl.imsglobal.org/vocab/lis/v2/";

/**
 * Whether the roles claim makes this person someone who sets a course up: an instructor (or a
 * teaching assistant, a content developer) of the context, or an administrator of the
 * institution or the system. Short role names ("Instructor") are accepted as older platforms
 * send them.
 */
export function isInstructor(roles: readonly string[]): boolean {
  return roles.some((role) => {
    if (["Instructor", "Administrator", "ContentDeveloper", "TeachingAssistant"].includes(role)) return true;
    if (!role.startsWith(LIS)) return false;
    const [vocabulary, name] = role.slice(LIS.length).split("#");
    if (vocabulary === "membership") return ["Instructor", "Administrator", "ContentDeveloper"].includes(name);
    if (vocabulary === "membership/Instructor") return name === "TeachingAssistant";
    if (vocabulary === "institution/person" || vocabulary === "system/person") return name === "Administrator" || name === "SysAdmin";
    return false;
  });
}

/** Whether a roster member is a learner of the context (the people a badge is awarded to). */
export function isLearner(roles: readonly string[]): boolean {
  return roles.some((role) => role === "Learner" || role === `${LIS}membership#Learner` || role === `${LIS}membership/Learner#Learner`);
}
