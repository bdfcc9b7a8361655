import { afterEach, describe, expect, it } from "vitest";
import { getCaughtMail, listCaughtMail } from "@/lib/mail/caught";
import type { SessionUser } from "@/lib/users/data";
import { setEnv } from "@/tests/support/database";

// The demo catcher keeps mail 30 days, and its mails hold live account links (password resets,
// e-mail changes): /admin/mail must be for admins only, and absent once a real server is set.
// The data functions refuse before reading anything, so no database is needed here; the admin's
// own view is tested against PostgreSQL in tests/integration/mail-outbox.test.ts, the pages over
// HTTP for every role in e2e/authorization.spec.ts.

const as = (role: SessionUser["role"]): SessionUser => ({ id: "u", email: "u@example.com", name: "U", role });
const notFound = /NEXT_HTTP_ERROR_FALLBACK;404/;
afterEach(() => setEnv({ SMTP_URL: undefined, MAIL_FROM: undefined, PORTAL_URL: undefined }));

describe("the demo mail pages", () => {
  it("are 404 for support and customers in demo mode", async () => {
    setEnv({ SMTP_URL: undefined });
    for (const role of ["SUPPORT", "CUSTOMER"] as const) {
      await expect(listCaughtMail(as(role))).rejects.toThrow(notFound);
      await expect(getCaughtMail(as(role), "any")).rejects.toThrow(notFound);
    }
  });

  it("are 404 even for admins once a mail server is configured", async () => {
    setEnv({
      SMTP_URL: "smtp://mail.example:587",
      MAIL_FROM: "Portal <noreply@example.com>",
      PORTAL_URL: "https://portal.example",
    });
    await expect(listCaughtMail(as("ADMIN"))).rejects.toThrow(notFound);
    await expect(getCaughtMail(as("ADMIN"), "any")).rejects.toThrow(notFound);
  });
});
