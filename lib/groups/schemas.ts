import { z } from "zod";
import { idSchema } from "@/lib/ids";
import { safeText } from "@/lib/text";

/** The forms of saved groups, shared by the actions and the pages. */
export const GROUP_NAME_MAX = 120;
export const MEMBER_NAME_MAX = 200;

const groupName = safeText().trim().min(1).max(GROUP_NAME_MAX);
const optionalText = (max: number) =>
  safeText()
    .trim()
    .max(max)
    .optional()
    .transform((value) => value || undefined);

export const createGroupFormSchema = z.object({ name: groupName });
export const renameGroupFormSchema = z.object({ groupId: idSchema, name: groupName });
export const groupIdFormSchema = z.object({ groupId: idSchema });
export const addMemberFormSchema = z.object({
  groupId: idSchema,
  email: safeText().trim().toLowerCase().max(254).pipe(z.email()),
  name: optionalText(MEMBER_NAME_MAX),
});
export const removeMemberFormSchema = z.object({ groupId: idSchema, memberId: idSchema });
export const issueToGroupFormSchema = z.object({ groupId: idSchema, achievementId: idSchema, message: optionalText(2000) });

export type AddMemberInput = z.infer<typeof addMemberFormSchema>;
