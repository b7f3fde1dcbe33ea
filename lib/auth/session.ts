import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { db } from "@/lib/db";
import { authOptions } from "./options";

export type SessionUser = {
  id: string;
  name: string | null;
  email: string;
  handle: string | null;
  locale: string | null;
  emailVerified: Date | null;
};

/** The signed-in person, re-read from the database (a deleted account signs out at once). */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions());
  const id = session?.user?.id;
  if (!id) return null;
  return db.user.findUnique({
    where: { id },
    select: { id: true, name: true, email: true, handle: true, locale: true, emailVerified: true },
  });
});

/** For pages: the signed-in person, or a redirect to sign-in that comes back here. */
export async function requireUser(returnTo: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
