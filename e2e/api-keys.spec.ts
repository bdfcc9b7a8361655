import { expect, test } from "./fixtures";
import { createOrganization } from "./organizations";
import { signUp, uniqueEmail } from "./support";

// An owner makes an API key in the browser, a program uses it against the built server, the
// owner revokes it and the next call is refused; the API reference renders under the page's CSP.

test("owner creates a key shown once, the API accepts it, revoking refuses it at once; the reference renders offline", async ({
  page,
  request,
}) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await signUp(page, { email: uniqueEmail("keys"), password: "keys owner password 123", name: "Kim Keys" });
  await createOrganization(page, `Keys ${Date.now().toString(36)}`);
  await page.getByRole("link", { name: "API keys" }).click();
  const form = page.getByRole("form", { name: "Create an API key" });
  await form.getByLabel("Name").fill("ERP production");
  await form.getByLabel("What the key may do").selectOption("READ_ONLY");
  await form.getByRole("button", { name: "Create key" }).click();
  const secret = await form.getByLabel(/The key/).inputValue();
  expect(secret).toMatch(/^eidas_live_[A-Za-z0-9_-]{43}$/);

  const auth = { authorization: `Bearer ${secret}` };
  const products = await request.get("/api/v1/products", { headers: auth });
  expect(products.status()).toBe(200);
  expect(products.headers()["ratelimit-policy"]).toContain("q=");
  const missing = await request.get("/api/v1/orders/nope", { headers: auth });
  expect(missing.status()).toBe(404);
  expect(missing.headers()["content-type"]).toBe("application/problem+json");

  const huge = await request.post("/api/v1/orders", {
    headers: { ...auth, "content-type": "application/json" },
    data: JSON.stringify({ input: { csr: "x".repeat(2 * 1024 * 1024) } }),
  });
  expect(huge.status()).toBe(413);
  expect(huge.headers()["content-type"]).toBe("application/problem+json");

  // The list shows the key without its secret, and when it was last used.
  await page.reload();
  const item = page.getByRole("listitem").filter({ hasText: "ERP production" });
  await expect(item).toContainText("Read-only");
  await expect(item).not.toContainText("last used never");
  await expect(page.locator("body")).not.toContainText(secret);
  page.once("dialog", (dialog) => void dialog.accept());
  await item.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Key revoked" })).toBeVisible();
  await expect(item).toContainText(/Read-only · revoked /);
  await expect(item.getByRole("button", { name: "Revoke" })).toHaveCount(0);
  expect((await request.get("/api/v1/products", { headers: auth })).status()).toBe(401);

  await page.goto("/developers");
  await expect(page.getByRole("heading", { name: "API reference", level: 1 })).toBeVisible();
  await expect(page.getByText("/orders/{id}/submit").first()).toBeVisible();
  expect(violations).toEqual([]);
});
