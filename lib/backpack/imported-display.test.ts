import { describe, expect, it } from "vitest";
import { pngBomb } from "@/lib/images/test/bombs";
import { solidPng } from "@/lib/test/images";
import { ob2Display, ob3Display, safeImage } from "./imported-display";

describe("display fields of an imported credential", () => {
  it("keeps only images and links that are safe to put in a page", () => {
    const png = `data:image/png;base64,${Buffer.from(solidPng(8)).toString("base64")}`;
    expect(safeImage(png)).toBe(png);
    // A PNG that is only a signature, or one whose header claims 16000×16000 pixels, is not shown.
    expect(safeImage("data:image/png;base64,iVBORw0KGgo=")).toBeNull();
    expect(safeImage(`data:image/png;base64,${Buffer.from(pngBomb()).toString("base64")}`)).toBeNull();
    expect(safeImage({ id: "https://example.org/badge.png" })).toBe("https://example.org/badge.png");
    expect(safeImage("http://example.org/badge.png")).toBeNull();
    expect(safeImage("javascript:alert(1)")).toBeNull();
    expect(safeImage("data:text/html;base64,PHNjcmlwdD4=")).toBeNull();
    const scripted = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>').toString("base64");
    expect(safeImage(`data:image/svg+xml;base64,${scripted}`)).toBeNull();
  });

  it("reads an OB 3.0 credential's achievement, issuer, skills, alignments, evidence and dates", () => {
    const display = ob3Display({
      issuer: { id: "https://issuer.example/", name: "Issuer & Co", url: "javascript:alert(1)" },
      validFrom: "2024-05-01T00:00:00Z",
      validUntil: "2030-05-01T00:00:00Z",
      evidence: [{ id: "https://work.example/1", name: "Project" }],
      credentialSubject: {
        achievement: {
          name: "<b>Bold</b> Badge",
          description: "Did things.",
          criteria: { narrative: "Do the things." },
          tag: ["teamwork", "teamwork"],
          alignment: [{ targetName: "Collaboration", targetUrl: "https://framework.example/c" }],
        },
      },
    });
    expect(display).toMatchObject({
      name: "<b>Bold</b> Badge",
      issuerName: "Issuer & Co",
      issuerUrl: "https://issuer.example/",
      criteria: "Do the things.",
      skills: ["teamwork", "Collaboration"],
      alignments: [{ targetName: "Collaboration", targetUrl: "https://framework.example/c" }],
      evidence: [{ id: "https://work.example/1", name: "Project" }],
    });
    expect(display.issuedOn?.toISOString()).toBe("2024-05-01T00:00:00.000Z");
    expect(display.expiresAt?.getUTCFullYear()).toBe(2030);
  });

  it("reads an OB 2.0 assertion with its BadgeClass and Issuer", () => {
    const display = ob2Display(
      { issuedOn: "2016-12-31T23:59:59Z", evidence: "https://example.org/work.html" },
      { name: "Robotics", description: "Robots.", criteria: "https://example.org/criteria", tags: ["robots"], image: "https://example.org/b.png" },
      { name: "Example Issuer", url: "https://example.org" },
    );
    expect(display).toMatchObject({ name: "Robotics", issuerName: "Example Issuer", criteria: "https://example.org/criteria", skills: ["robots"], image: "https://example.org/b.png", evidence: [{ id: "https://example.org/work.html" }] });
  });
});
