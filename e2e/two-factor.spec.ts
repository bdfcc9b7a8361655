import { appendFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { expect, test } from "./fixtures";
import { SECOND_FACTOR_SECRETS } from "./secrets";
import { alertBox, demo, DEMO_PASSWORD, freshTotpCode, signIn, signOut, uniqueEmail } from "./support";

// Staff sign in with two factors. A new support agent must set one up before reaching /support,
// then adds a passkey (Chromium's virtual authenticator), signs in with it, and a recovery code
// works exactly once.
test("support enrols an app and a passkey, needs them for /support, and a recovery code works once", async ({
  page,
  browser,
}) => {
  const email = uniqueEmail("agent");
  const password = "an agent password 2026";
  const admin = await (await browser.newContext({ baseURL: test.info().project.use.baseURL })).newPage();
  await signIn(admin, demo.admin, DEMO_PASSWORD);
  await admin.goto("/admin/users/new");
  await admin.getByLabel("Full name").fill("Alex Agent");
  await admin.getByLabel("E-mail address").fill(email);
  await admin.getByLabel("Initial password").fill(password);
  await admin.getByLabel("Role").selectOption("SUPPORT");
  await admin.getByRole("button", { name: "Create account" }).click();
  await expect(admin.getByRole("heading", { name: "Alex Agent" })).toBeVisible();
  await admin.context().close();

  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });

  const passwordStep = async (callbackUrl?: string) => {
    await page.goto(callbackUrl ? `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/sign-in");
    await page.getByLabel("E-mail address").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/two-factor(\?callbackUrl=.*)?$/);
  };

  // After the password alone, the support queue is out of reach: set up a second factor first.
  await passwordStep();
  expect((await page.goto("/support"))?.url()).toMatch(/\/two-factor$/);
  await expect(page.getByRole("heading", { name: "Set up two-factor sign-in" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await page.getByLabel("6-digit code from the app").fill("000000");
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(alertBox(page)).toContainText("That code is not correct");
  await page.getByLabel("6-digit code from the app").fill(await freshTotpCode(email, secret));
  await page.getByRole("button", { name: "Turn on" }).click();
  const shown = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(shown).toHaveCount(10);
  const codes = await shown.allTextContents();
  // The run's last spec searches every page, log line and stored row for these.
  mkdirSync(dirname(SECOND_FACTOR_SECRETS), { recursive: true });
  appendFileSync(SECOND_FACTOR_SECRETS, [secret, ...codes].join("\n") + "\n");
  await page.getByRole("link", { name: "I have saved them, continue" }).click();
  await expect(page).toHaveURL(/\/orders$/);
  await page.goto("/support");
  await expect(page.getByRole("heading", { name: "Support queue" })).toBeVisible();

  // A passkey, added on the security page after the password.
  await page.goto("/account/security");
  await expect(page.getByRole("heading", { name: "Authenticator app: on" })).toBeVisible();
  await page.getByLabel("Name of the passkey").fill("Test laptop");
  await page.locator("#passkeyPassword").fill(password);
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Test laptop" })).toContainText("was added");
  await page.reload();
  await expect(page.getByRole("list", { name: "Your passkeys" })).toContainText("not used yet");

  // Signing in with the passkey, on the way to the support queue (the destination is kept).
  await signOut(page);
  expect((await page.goto("/support"))?.url()).toMatch(/\/sign-in\?callbackUrl=%2Fsupport$/);
  await passwordStep("/support");
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page).toHaveURL(/\/support$/);
  await expect(page.getByRole("heading", { name: "Support queue" })).toBeVisible();
  await page.goto("/account/security");
  await expect(page.getByRole("list", { name: "Your passkeys" })).toContainText("last used");

  // A recovery code signs in once; the second use is refused.
  for (const expected of ["works", "refused"] as const) {
    await signOut(page);
    await passwordStep();
    await page.getByLabel(/Code from your authenticator app/).fill(codes[0]!);
    await page.getByRole("button", { name: "Continue" }).click();
    if (expected === "works") {
      await expect(page).toHaveURL(/\/orders$/);
    } else {
      await expect(alertBox(page)).toContainText("not correct or has already been used");
      await expect(page).toHaveURL(/\/two-factor$/);
    }
  }
  await page.goto("/support");
  await expect(page).toHaveURL(/\/two-factor$/);
});
