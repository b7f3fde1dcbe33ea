import { env } from "@/lib/env";
import { publicPath } from "@/lib/http/url-contract";
import { linkSignature, unsubscribeToken, type Unsubscription } from "./tokens";

/** A link in an engagement email: through Laurel, which records the open, then on to `url`. */
export function trackedUrl(emailId: string, url: string): string {
  return `${env().BASE_URL}${publicPath("emailLink", { id: emailId })}?u=${encodeURIComponent(url)}&s=${linkSignature(emailId, url)}`;
}

/** The page that asks before unsubscribing (the link in the footer). */
export function unsubscribePageUrl(subscription: Unsubscription): string {
  return `${env().BASE_URL}${publicPath("emailUnsubscribe")}?t=${unsubscribeToken(subscription)}`;
}

/** Where a mail client posts RFC 8058's one-click unsubscribe (the List-Unsubscribe header). */
export function oneClickUnsubscribeUrl(subscription: Unsubscription): string {
  return `${env().BASE_URL}${publicPath("emailUnsubscribeOneClick")}?t=${unsubscribeToken(subscription)}`;
}
