import { appendFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { expect, test } from "./fixtures";
import { makeCsr } from "../tests/support/csr";
import { firstLinkOfMail } from "./mail";
import { SECOND_FACTOR_SECRETS } from "./secrets";
import { alertBox, confirmEmail, freshTotpCode, signIn, signUp, uniqueEmail } from "./support";
import { Wizard } from "./wizard";

// Account flows end to end through the demo mail catcher (e2e/mail.ts reads /admin/mail). The
// hostile cases (reused, expired, truncated, other account's links; enumeration) are in
// tests/security/account-links.test.ts and account-enumeration.test.ts.

test("a new customer's first order waits for the address to be confirmed by mail, then goes out", async ({
  page,
  context,
}) => {
  const email = uniqueEmail("verify");
  await signUp(page, { email, password: "verify me passphrase 7", verify: false });
  // The customer learns before "Place order" that the address needs confirming.
  const notice = page.getByRole("region", { name: "Confirm your e-mail address" });
  await page.goto("/orders");
  await expect(notice).toContainText(`Open the link we sent to ${email}`);
  const wizard = new Wizard(page);
  const csr = await makeCsr({ subject: { commonName: "verify.example" }, dnsNames: ["verify.example"] });
  await wizard.walkToReview({
    product: "QWAC Natural",
    validity: /1 year/,
    csr,
    country: "DE",
    details: { "Domain names": "verify.example", "Personal identifier": "PASDE-C01X00T47" },
  });
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(alertBox(page)).toContainText("Confirm your e-mail address before sending your first order");
  await expect(page).toHaveURL(/\/edit/);
  // Asking again sends a new link; the older one stops working.
  await expect(notice).toBeVisible();
  const again = page.getByRole("button", { name: "Send the link again" });
  await expect(again).toHaveCount(1);
  await expect(notice.getByRole("button", { name: "Send the link again" })).toBeVisible();
  await again.click();
  await expect(page.getByRole("status").filter({ hasText: "We have sent a new link" })).toBeVisible();

  // The customer opens the mail's link in another tab and confirms.
  const mailTab = await context.newPage();
  await confirmEmail(mailTab, email, 2);
  await mailTab.close();

  // Back in the wizard, everything typed is still there: the same click now places the order.
  await expect(page.getByRole("heading", { name: "Review and submit" })).toBeVisible();
  await wizard.placeOrder();
  await expect(page.getByText("Placed at Sectigo")).toBeVisible();
});

test("a forgotten password is replaced by mail, and a browser signed in before is signed out", async ({
  page,
  browser,
}) => {
  const email = uniqueEmail("reset");
  await signUp(page, { email, password: "old passphrase for reset 4", verify: false });

  const other = await browser.newContext();
  const visitor = await other.newPage();
  await visitor.goto("/sign-in");
  await visitor.getByRole("link", { name: "Forgot password?" }).click();
  await expect(visitor.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await visitor.getByLabel("E-mail address").fill(email);
  await visitor.getByRole("button", { name: "Send the link" }).click();
  await expect(visitor.getByRole("status")).toContainText("If an account uses this address");
  const link = await firstLinkOfMail(browser, email, { subject: /Choose a new password/ });
  await visitor.goto(link);

  // The policy and the meter are those of sign-up.
  const password = visitor.getByLabel("New password", { exact: true });
  await password.fill("password1234");
  await expect(visitor.getByText(/Password strength: .*weak/)).toBeVisible();
  await visitor.getByLabel("Repeat the new password").fill("password1234");
  await visitor.getByRole("button", { name: "Save the new password" }).click();
  await expect(alertBox(visitor)).toContainText("too easy to guess");
  await password.fill("brand new passphrase 88");
  await visitor.getByLabel("Repeat the new password").fill("brand new passphrase 88");
  await expect(visitor.getByText(/Password strength: .*strong/)).toBeVisible();
  await visitor.getByRole("button", { name: "Save the new password" }).click();
  await expect(visitor.getByRole("status")).toContainText("Your password was changed");

  // The browser signed in with the old password is out at its next request.
  await page.goto("/orders");
  await expect(page).toHaveURL(/\/sign-in/);
  // The link worked once; the new password signs in.
  await visitor.goto(link);
  await expect(alertBox(visitor)).toContainText("does not work any more");
  await signIn(visitor, email, "brand new passphrase 88");
  await other.close();
});

test("a customer who turns on an authenticator app on the security page sees the recovery codes", async ({
  page,
}) => {
  const email = uniqueEmail("totp");
  const password = "app on the security page 5";
  await signUp(page, { email, password, verify: false });
  await page.goto("/account/security");
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await page.getByLabel("6-digit code from the app").fill(await freshTotpCode(email, secret));
  await page.locator("#code-password").fill(password);
  await page.getByRole("button", { name: "Turn on" }).click();
  const shown = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(shown).toHaveCount(10);
  // The run's last spec searches every page, log line and stored row for these.
  mkdirSync(dirname(SECOND_FACTOR_SECRETS), { recursive: true });
  appendFileSync(SECOND_FACTOR_SECRETS, [secret, ...(await shown.allTextContents())].join("\n") + "\n");
  await page.getByRole("link", { name: "I have saved them, continue" }).click();
  await expect(page.getByRole("heading", { name: "Authenticator app: on" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Recovery codes: 10 left" })).toBeVisible();
});
