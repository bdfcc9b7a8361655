import { execFileSync } from "node:child_process";
import { createServer, type Server } from "node:http";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "./fixtures";
import { makeCsr } from "../tests/support/csr";
import { signUp, uniqueEmail } from "./support";
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
