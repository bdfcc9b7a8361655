import { execFileSync } from "node:child_process";
import { createServer, type Server } from "node:http";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "./fixtures";
import { makeCsr } from "../tests/support/csr";
import type { Browser, Page } from "@playwright/test";
import { demo, DEMO_PASSWORD, signIn, signUp, uniqueEmail } from "./support";
import { DCV_PORT, SANDBOX, Wizard } from "./wizard";

// After placing, as a customer sees it: the checklist fills in by itself, the portal shows the
// exact DCV file to publish, the customer publishes it on a web server (here on 127.0.0.1, where
// the sandbox CA and "Check now" look), Sectigo's domain check passes, the certificate is issued,
// pushed, collected, and every download opens with OpenSSL.

const published = new Map<string, string>();
let web: Server;

test.beforeAll(async () => {
  web = createServer((req, res) => {
    const body = published.get(req.url ?? "");
    res.writeHead(body === undefined ? 404 : 200, { "content-type": "text/plain" });
    res.end(body ?? "not found");
  });
  await new Promise<void>((resolve) => web.listen(DCV_PORT, "127.0.0.1", resolve));
});
test.afterAll(async () => {
  await new Promise<void>((resolve) => web.close(() => resolve()));
});

async function sandboxPost(route: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${SANDBOX}${route}`, { method: "POST" });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

test("a QWAC from placing to downloaded files, with HTTP domain validation published by the customer", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signUp(page, { email: uniqueEmail("after"), password: "after ordering 123" });
  const wizard = new Wizard(page);
  const csr = await makeCsr({
    subject: { commonName: "anna.example" },
    dnsNames: ["anna.example", "www.anna.example"],
  });
  await wizard.walkToReview({
    product: "QWAC Natural",
    validity: /1 year/,
    csr,
    country: "DE",
    details: { "Domain names": "anna.example\nwww.anna.example", "Personal identifier": "PASDE-C01X00T47" },
  });
  await wizard.placeOrder();
  const orderUrl = page.url();

  // The first status check fills the checklist without a reload.
  const checklist = page.getByRole("region", { name: "What Sectigo still needs" });
  await expect(checklist).toBeVisible({ timeout: 20_000 });
  await expect(checklist).toContainText("Domain validation: anna.example");
  await expect(checklist).toContainText("Waiting for you");

  // The exact file to publish, as the portal shows it.
  const dcv = page.getByRole("region", { name: "Domain validation" });
  const filePath = (await dcv.locator("code").first().innerText()).replace(/^https?:\/\/[^/]+/, "");
  expect(filePath).toMatch(/^\/\.well-known\/pki-validation\/[0-9A-F]{32}\.txt$/);
  const content = await dcv.getByTestId("dcv-content").first().innerText();
  expect(content.split("\n")[0]).toMatch(/^[0-9a-f]{64}$/);

  // Not published yet: "Check now" says so, and Sectigo's check fails too.
  await page.getByRole("button", { name: "Check anna.example now" }).click();
  await expect(dcv.getByRole("status").filter({ hasText: "answered HTTP 404" })).toBeVisible();

  const orderNumber = (
    await page
      .getByText(/^\d{7,}$/)
      .first()
      .innerText()
  ).trim();
  let advanced = await sandboxPost(`/sandbox/orders/${orderNumber}/advance?to=issued`);
  expect(advanced.status).toBe(409);
  expect(String(advanced.body.error)).toMatch(/DCV check for anna\.example failed/);

  // Published: the portal's check and then Sectigo's pass.
  published.set(filePath, content);
  await page.getByRole("button", { name: "Check anna.example now" }).click();
  await expect(dcv.getByRole("status").filter({ hasText: "is right" })).toBeVisible();
  await page.getByRole("button", { name: "Refresh now" }).click();
  advanced = await sandboxPost(`/sandbox/orders/${orderNumber}/advance?to=issued`);
  expect(advanced.status, JSON.stringify(advanced.body)).toBe(200);

  // Sectigo's push makes the portal collect at once; the page shows the certificate by itself.
  const certificate = page.getByRole("region", { name: "Your certificate" });
  await expect(certificate).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("Issued", { exact: true }).first()).toBeVisible();
  await expect(certificate).toContainText("SHA-256 fingerprint");

  const dir = mkdtempSync(path.join(tmpdir(), "downloads-"));
  const files: Record<string, string> = {};
  for (const label of ["Certificate (PEM)", "Certificate (DER)", "Full chain (PEM)", "PKCS#7 (.p7b)"]) {
    const download = page.waitForEvent("download");
    await certificate.getByRole("link", { name: label }).click();
    const file = await download;
    const at = path.join(dir, file.suggestedFilename());
    await file.saveAs(at);
    files[label] = at;
  }
  const subject = execFileSync("openssl", [
    "x509",
    "-in",
    files["Certificate (PEM)"]!,
    "-noout",
    "-subject",
    "-ext",
    "subjectAltName",
  ]).toString();
  expect(subject).toContain("anna.example");
  expect(subject).toContain("www.anna.example");
  expect(
    execFileSync("openssl", [
      "x509",
      "-inform",
      "DER",
      "-in",
      files["Certificate (DER)"]!,
      "-noout",
      "-serial",
    ]).toString(),
  ).toMatch(/^serial=/);
  const p7 = execFileSync("openssl", [
    "pkcs7",
    "-in",
    files["PKCS#7 (.p7b)"]!,
    "-print_certs",
    "-noout",
  ]).toString();
  expect(p7.match(/subject=/g)?.length).toBeGreaterThanOrEqual(2);
  const chain = readFileSync(files["Full chain (PEM)"]!, "utf8");
  expect(chain.match(/BEGIN CERTIFICATE/g)?.length).toBeGreaterThanOrEqual(2);

  // The key in the certificate is the CSR's.
  const csrFile = path.join(dir, "order.csr");
  writeFileSync(csrFile, csr);
  const csrKey = execFileSync("openssl", ["req", "-in", csrFile, "-noout", "-pubkey"]).toString();
  const certKey = execFileSync("openssl", [
    "x509",
    "-in",
    files["Certificate (PEM)"]!,
    "-noout",
    "-pubkey",
  ]).toString();
  expect(certKey).toBe(csrKey);

  // The timeline tells the story in words.
  await page.goto(orderUrl);
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline).toContainText("Certificate issued and collected");
  await expect(timeline).toContainText("Domain validation: anna.example: Done");
});

// ---- After placing, state by state (the tester's report on issue 12) ----

async function sandboxGet(route: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${SANDBOX}${route}`);
  return (await response.json()) as Record<string, unknown>;
}

/** "What happens next" (a live status region, so not a landmark of its own). */
function nextSteps(page: Page) {
  return page.locator("section", { has: page.getByRole("heading", { name: "What happens next" }) });
}

async function staffPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const page = await context.newPage();
  await signIn(page, email, DEMO_PASSWORD);
  return page;
}

/** A seal (or its QSCD token variant) placed by a new customer; returns Sectigo's order number. */
async function placeSeal(page: Page, opts: { token?: boolean } = {}): Promise<string> {
  await signUp(page, { email: uniqueEmail("states"), password: "after states 123" });
  const wizard = new Wizard(page);
  const csr = await makeCsr({
    subject: { commonName: "Seal Maker BV", organizationName: "Seal Maker BV", countryName: "NL" },
  });
  await wizard.start();
  await wizard.chooseProduct(opts.token ? "Seal Qualified certificate QSCD" : "Seal Qualified certificate");
  await wizard.next("Validity and delivery");
  await page
    .getByRole("radio", { name: /(1|2) years?/ })
    .first()
    .check();
  await wizard.next("Certificate request (CSR)");
  await wizard.pasteCsr(csr);
  await wizard.next("Organization and address");
  await wizard.fill({
    "Organization identifier": "VATNL-810433941B01",
    "Street address": "Damrak 1",
    City: "Amsterdam",
    "State or province": "Noord-Holland",
    "Postal code": "1012 LG",
  });
  await wizard.next("Product details");
  if (opts.token) {
    await wizard.next("Token shipping");
    await wizard.fill({
      "Courier contact: first name": "Saskia",
      "Courier contact: surname": "Maker",
      "Courier contact: e-mail": "saskia@example.com",
      "Courier contact: telephone": "+31201234567",
    });
  }
  await wizard.next("Contacts");
  await wizard.next("Review and submit");
  await wizard.placeOrder();
  await expect(page.getByRole("region", { name: "What Sectigo still needs" })).toBeVisible({
    timeout: 20_000,
  });
  return (
    await page
      .getByText(/^\d{7,}$/)
      .first()
      .innerText()
  ).trim();
}

test("cancelling: reasons that fit, a missing reason named, then a cancelled order that asks for nothing, and its refund followed by support", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await placeSeal(page);
  const number = await new Wizard(page).externalNumber();

  // "Refresh now" says when Sectigo answered, instead of "being asked" for ever.
  await page.getByRole("button", { name: "Refresh now" }).click();
  const status = page.getByRole("region", { name: "Status at Sectigo" });
  await expect(status.getByRole("status")).toContainText("Sectigo answered at", { timeout: 15_000 });
  await expect(status).not.toContainText("is being asked now");

  await page.locator("summary", { hasText: "Cancel this order" }).click();
  const reason = page.getByLabel("Reason");
  const offered = await reason.locator("option").allInnerTexts();
  expect(offered).toContain("No longer needed");
  expect(offered).not.toContain("The private key was lost or exposed");
  await page.getByLabel(/I understand that the order is cancelled/).check();
  await page.getByRole("button", { name: "Cancel this order" }).click();
  await expect(page.getByText("Choose a reason from the list.").first()).toBeVisible();
  await expect(page.getByText(/NaN|expected number/)).toHaveCount(0);
  await expect(reason).toBeFocused();

  await reason.selectOption({ label: "No longer needed" });
  await page.getByLabel(/I understand that the order is cancelled/).check();
  await page.getByRole("button", { name: "Cancel this order" }).click();
  await expect(page.getByText("Sectigo cancelled the order.").first()).toBeVisible({ timeout: 15_000 });

  await page.reload();
  await expect(status).toContainText("Cancelled at Sectigo");
  await expect(status).not.toContainText("is validating the order");
  const next = nextSteps(page);
  await expect(next).toContainText("The order is cancelled");
  await expect(next).toContainText("our support team is asking Sectigo's support");
  await expect(page.getByRole("region", { name: "What Sectigo still needs" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Upload documents at Sectigo" })).toHaveCount(0);

  // The refund is support's to ask Sectigo for; its answer reaches the customer's page.
  const agent = await staffPage(browser, demo.support);
  await agent.goto("/support");
  const refunds = agent.getByRole("region", { name: /Refunds to ask Sectigo for/ });
  await refunds.getByRole("link", { name: number }).click();
  const form = agent.getByRole("form", { name: "Record the refund" });
  await form.getByLabel("Sectigo refunded the order").check();
  await form.getByLabel("Reason").fill("Sectigo support ticket 4711: refunded");
  await form.getByRole("button", { name: "Record the refund" }).click();
  await expect(agent.getByRole("status").filter({ hasText: "Recorded for" })).toBeVisible();
  await agent.goto("/support");
  await expect(agent.getByRole("region", { name: /Refunds to ask Sectigo for/ })).toHaveCount(0);
  await agent.context().close();

  await page.reload();
  await expect(next).toContainText("Sectigo refunded the order.");
});

test("a cancel confirmed before the certificate was issued is refused in words and the revocation offered; a revoked certificate is kept for records only", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const orderNumber = await placeSeal(page);
  const orderUrl = page.url();

  // The page was loaded while the order was pending; the customer fills in "Cancel this order".
  await page.reload();
  await page.locator("summary", { hasText: "Cancel this order" }).click();
  await page.getByLabel("Reason").selectOption({ label: "No longer needed" });
  await page.getByLabel(/I understand that the order is cancelled/).check();
  // Meanwhile Sectigo issues the certificate and the portal collects it.
  const advanced = await fetch(`${SANDBOX}/sandbox/orders/${orderNumber}/advance?to=issued&force=1`, {
    method: "POST",
  });
  expect(advanced.status).toBe(200);
  await expect
    .poll(async () => (await page.request.get(orderUrl)).text(), { timeout: 15_000 })
    .toContain("Revoke this certificate");
  await page.getByRole("button", { name: "Cancel this order" }).click();
  await expect(
    page.getByText(
      "The certificate was issued in the meantime; nothing was sent. To stop it, revoke it below.",
    ),
  ).toBeVisible();
  expect((await sandboxGet(`/sandbox/orders/${orderNumber}`)).state).toBe("issued");

  const certificate = page.getByRole("region", { name: "Your certificate" });
  await expect(certificate).toContainText("organizationIdentifier=VATNL-810433941B01");
  await expect(certificate).not.toContainText("2.5.4.97");

  await page.locator("summary", { hasText: "Revoke this certificate" }).click();
  expect(await page.getByLabel("Reason").locator("option").allInnerTexts()).toContain(
    "The private key was lost or exposed",
  );
  await page.getByLabel("Reason").selectOption({ label: "No longer needed" });
  await page.getByLabel("I understand that the revocation is final.").check();
  await page.getByRole("button", { name: "Revoke this certificate" }).click();
  await expect(page.getByText("Sectigo revoked the certificate.").first()).toBeVisible({ timeout: 15_000 });

  await page.reload();
  await expect(page.getByRole("region", { name: "Status at Sectigo" })).toContainText("Certificate revoked");
  const kept = page.getByRole("region", { name: "Revoked certificate – for your records, do not install" });
  await expect(kept).toContainText("do not install it");
  await expect(page.getByRole("region", { name: "Your certificate" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Status at Sectigo" })).not.toContainText(
    "Certificate issued",
  );
  await expect(page.getByText("stays valid until it expires")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Replace this certificate" })).toBeVisible();
  await expect(page.getByRole("radio", { name: /Reuse the current key/ })).toHaveCount(0);
});

test("a QSCD token order tells one story: key and certificate on the token, its shipping and what to do when it arrives; staff see it in words", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const orderNumber = await placeSeal(page, { token: true });
  const orderId = page.url().split("/").pop()!;
  const advanced = await fetch(`${SANDBOX}/sandbox/orders/${orderNumber}/advance?to=issued&force=1`, {
    method: "POST",
  });
  expect(advanced.status).toBe(200);
  const certificate = page.getByRole("region", { name: "Your certificate" });
  await expect(certificate).toBeVisible({ timeout: 30_000 });

  const token = page.getByRole("region", { name: "Your token" });
  await expect(token).toContainText(/Tracking number: 1Z[0-9A-F]{16}/);
  await expect(token).toContainText("When the token arrives");
  await expect(token).toContainText("PIN letter");
  await expect(nextSteps(page)).toContainText("nothing to install");
  await expect(page.getByText(/install it\./)).toHaveCount(0);
  await expect(certificate).toContainText("Copies of the public certificate");
  await expect(certificate).not.toContainText("CSR’s public key");
  await expect(page.getByRole("region", { name: "Where your private key is" })).toHaveCount(0);
  await expect(page.getByRole("radio", { name: /Reuse the current key/ })).toHaveCount(0);
  await expect(page.getByText("Make a new key and CSR")).toHaveCount(0);

  const admin = await staffPage(browser, demo.admin);
  await admin.goto(`/admin/orders/${orderId}`);
  await expect(admin.getByRole("region", { name: "The certificate" })).toBeVisible();
  await expect(admin.getByRole("region", { name: "Your certificate" })).toHaveCount(0);
  const summary = admin.getByRole("region", { name: "Summary" });
  await expect(summary).toContainText("issued, collected");
  await expect(summary).not.toContainText("Not Yet Issued");
  const input = admin.getByRole("region", { name: "Order input" });
  await expect(input).toContainText("Seal Qualified certificate QSCD (782)");
  await expect(input).toContainText("Token delivery (Sectigo's standard offer) (22)");
  await admin.goto(`/support/orders/${orderId}`);
  await expect(admin.getByRole("region", { name: "The certificate" })).toBeVisible();
  await expect(admin.getByRole("region", { name: "The token" })).toBeVisible();
  await admin.context().close();
});
