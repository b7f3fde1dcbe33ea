import { describe, expect, it } from "vitest";
import { claimView } from "@/lib/backpack/claim-credential";
import { claimToken } from "@/lib/backpack/claim-token";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { recordDocumentFetch, recordDownload } from "@/lib/public/downloads";
import { createKnownEngagement } from "@/lib/test/analytics-fixtures";
import { channelFromReferrer, shareChannel } from "./channels";
import { flushCredentialEvents, queueCredentialEvent, recordCredentialEventLater } from "./events";

const PERSON = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
// Recording happens after the answer: wait a moment, then for every write under way.
const settle = () => new Promise((resolve) => setTimeout(resolve, 150)).then(() => flushCredentialEvents());
const eventsOf = (credentialId: string, type: string) => db.credentialEvent.findMany({ where: { credentialId, type }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });

describe("channels", () => {
  it("names the network a view came from by its referrer", () => {
    expect(channelFromReferrer("www.linkedin.com")).toBe("linkedin");
    expect(channelFromReferrer("lnkd.in")).toBe("linkedin");
    expect(channelFromReferrer("t.co")).toBe("x");
    expect(channelFromReferrer("twitter.com")).toBe("x");
    expect(channelFromReferrer("l.facebook.com")).toBe("facebook");
    expect(channelFromReferrer("mail.google.com")).toBe("email");
    expect(channelFromReferrer("outlook.live.com")).toBe("email");
    expect(channelFromReferrer("laurel.example:3000", "laurel.example:3000")).toBe("laurel");
    expect(channelFromReferrer("blog.example.org")).toBe("web");
    expect(channelFromReferrer("notlinkedin.com")).toBe("web");
    expect(channelFromReferrer(null)).toBe("direct");
  });

  it("groups share channels as the charts show them", () => {
    expect(shareChannel("linkedin_profile")).toBe("linkedin");
    expect(shareChannel("link")).toBe("direct");
    expect(shareChannel("embed")).toBe("embed");
    expect(shareChannel("something-new")).toBe("direct");
  });
});

describe("recording events", () => {
  it("writes queued events together, resolving every caller once written", async () => {
    const { credentials } = await createKnownEngagement();
    const id = credentials[3]!.id;
    const before = await db.credentialEvent.count({ where: { credentialId: id, type: "downloaded" } });
    const writes = [0, 1, 2].map((n) => queueCredentialEvent({ credentialId: id, type: "downloaded", channel: "png", data: { visitor: `d${n}` } }));
    expect(await db.credentialEvent.count({ where: { credentialId: id, type: "downloaded" } })).toBe(before);
    await Promise.all(writes);
    const rows = await eventsOf(id, "downloaded");
    expect(rows).toHaveLength(before + 3);
    // The organization is looked up when the caller did not know it.
    expect(new Set(rows.map((row) => row.organizationId))).toEqual(new Set([credentials[3]!.organizationId]));
    await flushCredentialEvents();
  });

  it("gives a view the channel of the share link its visitor just followed, else of its referrer", async () => {
    const { credentials } = await createKnownEngagement();
    const id = credentials[8]!.id;
    recordCredentialEventLater({ credentialId: id, type: "clicked", channel: "linkedin_profile", data: { visitor: "from-linkedin-app" } });
    recordCredentialEventLater({ credentialId: id, type: "viewed", data: { visitor: "from-linkedin-app", referrer: null } });
    recordCredentialEventLater({ credentialId: id, type: "viewed", data: { visitor: "from-x", referrer: "t.co" } });
    recordCredentialEventLater({ credentialId: id, type: "viewed", data: { visitor: "from-profile", referrer: new URL(env().BASE_URL).host } });
    recordCredentialEventLater({ credentialId: id, type: "viewed", data: { visitor: "typed-it" } });
    // The same visitor reloading within half an hour is not another view.
    recordCredentialEventLater({ credentialId: id, type: "viewed", data: { visitor: "from-x", referrer: "t.co" } });
    await settle();
    const views = await eventsOf(id, "viewed");
    expect(views.map((view) => [(view.data as { visitor: string }).visitor, view.channel]).sort()).toEqual([
      ["from-linkedin-app", "linkedin"],
      ["from-profile", "laurel"],
      ["from-x", "x"],
      ["typed-it", "direct"],
    ]);
  });

  it("finds the share link click in the database when another instance served it", async () => {
    const { credentials } = await createKnownEngagement();
    const id = credentials[9]!.id;
    await db.credentialEvent.create({ data: { organizationId: credentials[9]!.organizationId, credentialId: id, type: "clicked", channel: "facebook", data: { visitor: "elsewhere" } } });
    recordCredentialEventLater({ credentialId: id, type: "viewed", data: { visitor: "elsewhere" } });
    await settle();
    expect((await eventsOf(id, "viewed")).map((view) => view.channel)).toEqual(["facebook"]);
  });

  it("counts a program fetching the signed credential as a verification, a person as a download", async () => {
    const { credentials } = await createKnownEngagement();
    const id = credentials[5]!.id;
    const fetchWith = (userAgent: string) => new Request(`${env().BASE_URL}/c/${id}`, { headers: { "user-agent": userAgent, accept: "application/ld+json" } });
    recordDocumentFetch(id, "jsonld", fetchWith("python-requests/2.32"));
    recordDocumentFetch(id, "ob2", fetchWith("curl/8.5.0"));
    recordDocumentFetch(id, "jsonld", fetchWith(PERSON));
    recordDownload(id, "png", fetchWith("LinkedInBot/1.0"));
    await settle();
    expect((await eventsOf(id, "verified")).map((event) => event.channel).sort()).toEqual(["jsonld", "ob2"]);
    expect((await eventsOf(id, "downloaded")).map((event) => event.channel)).toEqual(["jsonld"]);
  });

  it("records the claim email as opened when its link is followed, and only with a valid link", async () => {
    const { credentials } = await createKnownEngagement();
    const id = credentials[4]!.id;
    const credential = await db.credential.findUniqueOrThrow({ where: { id }, select: { recipientEmail: true } });
    await claimView(id, "forged", null);
    await settle();
    expect(await eventsOf(id, "opened")).toHaveLength(0);
    await claimView(id, claimToken(id, credential.recipientEmail), null);
    await settle();
    expect((await eventsOf(id, "opened")).map((event) => event.channel)).toEqual(["email"]);
  });
});
