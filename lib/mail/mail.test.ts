import { describe, expect, test } from "vitest";
import { escapeHtml, html, link } from "@/lib/mail/html";
import { reminderThreshold } from "@/lib/mail/expiry";
import { signPreferencesToken, verifyPreferencesToken } from "@/lib/mail/preferences-token";
import { describeSmtpError, isConnectionFailure, isPermanentRefusal } from "@/lib/mail/transport";

describe("mail HTML", () => {
  // (Prettier formats html`` templates as HTML, so whitespace between tags is not compared.)
  test("every interpolated value is escaped; fragments made by the tag are not", () => {
    const name = `<img src=x onerror="alert(1)"> & 'co'`;
    const bold = html`<b>ok</b>`;
    const list = [html`<i>1</i>`, "<2>"];
    expect(
      html`<p>${name}</p>
        ${bold}${list}`.value.replace(/>\s+</g, "><"),
    ).toBe(
      "<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;co&#39;</p><b>ok</b><i>1</i>&lt;2&gt;",
    );
    expect(escapeHtml('"')).toBe("&quot;");
  });

  test("a link is only ever http(s)", () => {
    expect(link("javascript:alert(1)", "x").value).toBe("x");
    expect(link('https://a.example/?q="', "go").value).toContain('href="https://a.example/?q=&quot;"');
  });
});

describe("expiry thresholds", () => {
  const notAfter = new Date("2027-06-01T00:00:00Z");
  const at = (days: number) => new Date(notAfter.getTime() - days * 86_400_000);
  test.each([
    [120, null],
    [90, 90],
    [89.9, 90],
    [60, 60],
    [45, 60],
    [30, 30],
    [8, 30],
    [7, 7],
    [1.5, 7],
    [1, 1],
    [0.01, 1],
    [0, 0],
    [-6, 0],
    [-8, null],
  ])("%s days before expiry: %s", (days, threshold) => {
    expect(reminderThreshold(notAfter, at(days))).toBe(threshold);
  });
});

describe("preferences token", () => {
  test("verifies its own user, refuses altered, foreign-keyed and expired tokens", () => {
    process.env.AUTH_SECRET = "unit-test-secret-0123456789-0123456789";
    const token = signPreferencesToken("user-1");
    expect(verifyPreferencesToken(token)).toBe("user-1");
    const [user, expiry, mac] = token.split(".");
    expect(
      verifyPreferencesToken(`${Buffer.from("user-2").toString("base64url")}.${expiry}.${mac}`),
    ).toBeNull();
    expect(verifyPreferencesToken(`${user}.${Number(expiry) + 1}.${mac}`)).toBeNull();
    expect(verifyPreferencesToken(token, Date.now() + 61 * 86_400_000)).toBeNull();
    expect(verifyPreferencesToken("a.b")).toBeNull();
  });
});

describe("SMTP errors", () => {
  test("a 5xx to the message is final, AUTH and connection failures are retried, nothing secret is kept", () => {
    expect(isPermanentRefusal({ responseCode: 550, code: "EENVELOPE" })).toBe(true);
    expect(isPermanentRefusal({ responseCode: 535, code: "EAUTH" })).toBe(false);
    expect(isPermanentRefusal({ responseCode: 451, code: "EMESSAGE" })).toBe(false);
    expect(isConnectionFailure({ code: "ESOCKET" })).toBe(true);
    expect(describeSmtpError({ code: "ECONNECTION", message: "smtp://user:secret@host failed" })).toBe(
      "ECONNECTION: smtp://***@host failed",
    );
  });
});
