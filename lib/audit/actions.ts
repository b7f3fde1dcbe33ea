/**
 * Every action the audit log records. The overview's activity list and the settings' audit log
 * show each in words (`audit.<action>` in the message catalogs, tested in every language), so a
 * new action must be added here, and TypeScript refuses one that is not.
 */
export const AUDIT_ACTIONS = [
  "organization.created",
  "organization.updated",
  "organization.email_settings_updated",
  "member.invited",
  "member.invitation_revoked",
  "member.joined",
  "member.role_changed",
  "member.removed",
  "member.left",
  "achievement.created",
  "achievement.updated",
  "achievement.archived",
  "achievement.unarchived",
  "achievement.award_email_updated",
  "credential.issued",
  "credential.bulk_issued",
  "credential.revoked",
  "credential.address_changed",
  "bulk_job.created",
  "scheduled_issue.created",
  "scheduled_issue.cancelled",
  "signing_key.rotated",
  "api_key.created",
  "api_key.revoked",
  "webhook.created",
  "webhook.updated",
  "webhook.deleted",
  "webhook.secret_rotated",
  "billing.plan_changed",
  "billing.status_changed",
  "program.created",
  "program.updated",
  "program.archived",
  "program.restored",
  "program.rule_added",
  "program.rule_deleted",
  "program.leaderboard_on",
  "program.leaderboard_off",
  "program.image_changed",
  "program.events_uploaded",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
