import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { SafeHtml } from "@/lib/mail/html";
import { emailChanged } from "@/lib/mail/templates/email-changed";
import { emailChangeAddressTaken } from "@/lib/mail/templates/email-change-address-taken";
import { secondFactorFailures } from "@/lib/mail/templates/second-factor-failures";
import { signInFailures } from "@/lib/mail/templates/sign-in-failures";

// The security notices must give the reader something concrete to do, in both bodies.
const portal = { portalUrl: "https://portal.example" };
type Words = { text: (d: never, c: never) => string; html: (d: never, c: never) => SafeHtml };
const bodies = (t: Words, d: object, c: object) => [
  t.text(d as never, c as never),
  t.html(d as never, c as never).value,
];

describe("the old address's notice of an e-mail change", () => {
  const data = { name: "Cora", newEmail: "new@example.com" };
  it("names the support address when the sender takes replies", () => {
    for (const body of bodies(emailChanged.locales.en, data, {
      ...portal,
      supportAddress: "help@portal.example",
    })) {
      expect(body).toContain("help@portal.example");
      expect(body).not.toContain("contact the portal's support at once and");
    }
  });
  it("points to the portal when the sender is a no-reply address", () => {
    for (const body of bodies(emailChanged.locales.en, data, portal))
      expect(body).toContain("https://portal.example");
  });
});

describe("the failed sign-ins notice", () => {
  it("links to the security page and the forgotten-password page, without 'when the portal offers it'", () => {
    for (const body of bodies(signInFailures.locales.en, { name: "Cora", failures: 5 }, portal)) {
      expect(body).toContain("https://portal.example/account/security");
      expect(body).toContain("https://portal.example/forgot-password");
      expect(body).not.toContain("when the portal offers it");
    }
  });
});

describe("the wrong second-factor codes notice", () => {
  it("says the password is known and links to a new one, in both bodies", () => {
    for (const body of bodies(secondFactorFailures.locales.en, { name: "Cora", failures: 5 }, portal)) {
      expect(body).toContain("5 times");
      expect(body).toContain("https://portal.example/forgot-password");
      expect(body).toContain("cannot lock you out");
    }
  });
});

describe("the notice to the owner of an address another account asked for", () => {
  it("says nothing changed and carries no link that changes anything", () => {
    for (const body of bodies(emailChangeAddressTaken.locales.en, { name: "Cora" }, portal)) {
      expect(body).toContain("Nothing was changed");
      expect(body).not.toContain("token=");
    }
  });
});

describe("a dead preferences link", () => {
  it("names the link the Account page shows", async () => {
    const { PREFERENCES_LINK_INVALID } = await import("@/lib/mail/preferences");
    const account = readFileSync("app/(portal)/account/page.tsx", "utf8");
    const label = "Choose which e-mails you get";
    expect(account).toContain(label);
    expect(PREFERENCES_LINK_INVALID).toContain(label);
  });
});
