import { describe, expect, it } from "vitest";
import {
  emailShareUrl,
  embedIframeHtml,
  embedScriptHtml,
  facebookShareUrl,
  isShareChannel,
  linkedInAddToProfileUrl,
  linkedInShareUrl,
  xShareUrl,
} from "./share-urls";

const paramsOf = (url: string) => Object.fromEntries(new URL(url).searchParams);

describe("LinkedIn add-to-profile URL", () => {
  it("fills every certification field, months 1–12 in UTC, and nothing else", () => {
    const url = linkedInAddToProfileUrl({
      name: "Data Literacy",
      organizationName: "Demo Academy",
      // 23:30 on 31 December in New York is already January in UTC.
      issuedAt: new Date("2024-01-01T04:30:00Z"),
      expiresAt: new Date("2026-12-31T23:59:59Z"),
      certUrl: "https://laurel.example/s/AbCdEf123456",
      certId: "cred-1",
    });
    expect(url.startsWith("https://www.linkedin.com/profile/add?")).toBe(true);
    expect(paramsOf(url)).toEqual({
      startTask: "CERTIFICATION_NAME",
      name: "Data Literacy",
      organizationName: "Demo Academy",
      issueYear: "2024",
      issueMonth: "1",
      expirationYear: "2026",
      expirationMonth: "12",
      certUrl: "https://laurel.example/s/AbCdEf123456",
      certId: "cred-1",
    });
  });

  it("links the certification to the issuer's LinkedIn company page when its id is set, instead of a bare name", () => {
    const base = { name: "N", organizationName: "Demo Academy", issuedAt: new Date("2025-07-15T00:00:00Z"), certUrl: "https://x.example/s/a", certId: "c" };
    const withPage = paramsOf(linkedInAddToProfileUrl({ ...base, organizationId: "2414183" }));
    expect(withPage.organizationId).toBe("2414183");
    expect(withPage).not.toHaveProperty("organizationName");
    expect(paramsOf(linkedInAddToProfileUrl({ ...base, organizationId: null }))).toMatchObject({ organizationName: "Demo Academy" });
  });

  it("leaves the expiry out when the credential never expires", () => {
    const params = paramsOf(
      linkedInAddToProfileUrl({ name: "N", organizationName: "O", issuedAt: new Date("2025-07-15T00:00:00Z"), expiresAt: null, certUrl: "https://x.example/s/a", certId: "c" }),
    );
    expect(params.issueMonth).toBe("7");
    expect(params).not.toHaveProperty("expirationYear");
    expect(params).not.toHaveProperty("expirationMonth");
  });

  it("encodes names with ampersands, plus signs and other scripts so they arrive whole", () => {
    const url = linkedInAddToProfileUrl({
      name: "R&D + Ünïcode: 数据素养 #1",
      organizationName: "Smith & Sons = Académie",
      issuedAt: new Date("2025-03-02T12:00:00Z"),
      certUrl: "https://laurel.example/s/abc",
      certId: "id&x",
    });
    expect(url).not.toMatch(/[ +]/);
    expect(url).toContain("name=R%26D%20%2B%20%C3%9Cn%C3%AFcode%3A%20%E6%95%B0%E6%8D%AE%E7%B4%A0%E5%85%BB%20%231");
    const params = paramsOf(url);
    expect(params.name).toBe("R&D + Ünïcode: 数据素养 #1");
    expect(params.organizationName).toBe("Smith & Sons = Académie");
    expect(params.certId).toBe("id&x");
  });
});

describe("network share URLs", () => {
  const tracked = "https://laurel.example/s/Zz09Yy87Xx65?a=1&b=2";

  it("LinkedIn and Facebook share the tracked link", () => {
    expect(linkedInShareUrl(tracked)).toBe(`https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(tracked)}`);
    expect(paramsOf(linkedInShareUrl(tracked))).toEqual({ url: tracked });
    expect(facebookShareUrl(tracked)).toBe(`https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(tracked)}`);
  });

  it("X gets the text and the link as separate parameters", () => {
    const url = xShareUrl({ text: "I earned “R&D” from Smith & Sons!", url: tracked });
    expect(url.startsWith("https://twitter.com/intent/tweet?")).toBe(true);
    expect(paramsOf(url)).toEqual({ text: "I earned “R&D” from Smith & Sons!", url: tracked });
  });

  it("email uses %20 for spaces (mail clients show + literally) and keeps line breaks", () => {
    const url = emailShareUrl({ subject: "My R&D badge", body: "Hello,\nsee it: https://laurel.example/s/abc" });
    expect(url).toBe("mailto:?subject=My%20R%26D%20badge&body=Hello%2C%0Asee%20it%3A%20https%3A%2F%2Flaurel.example%2Fs%2Fabc");
  });

  it("knows its channels", () => {
    for (const channel of ["linkedin", "linkedin_profile", "x", "facebook", "email", "link", "embed"]) expect(isShareChannel(channel)).toBe(true);
    for (const channel of ["twitter", "", "LINKEDIN", null]) expect(isShareChannel(channel)).toBe(false);
  });
});

describe("embed snippets", () => {
  it("iframe escapes what it prints", () => {
    const html = embedIframeHtml({ src: "https://laurel.example/c/abc/embed", title: `"R&D" <badge>`, width: 360, height: 300 });
    expect(html).toBe(
      `<iframe src="https://laurel.example/c/abc/embed" title="&#34;R&#38;D&#34; &#60;badge&#62;" width="360" height="300" style="border:0;max-width:100%" loading="lazy"></iframe>`,
    );
  });

  it("script widget names the credential or the issuer and loads embed.js from Laurel", () => {
    expect(embedScriptHtml({ baseUrl: "https://laurel.example", kind: "credential", id: "abc" })).toBe(
      `<div data-laurel-credential="abc"></div>\n<script async src="https://laurel.example/embed.js"></script>`,
    );
    expect(embedScriptHtml({ baseUrl: "https://laurel.example", kind: "issuer", id: "org1" })).toContain(`data-laurel-issuer="org1"`);
  });
});
