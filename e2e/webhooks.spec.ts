import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "./fixtures";
import { createOrganization } from "./organizations";
import { signUp, uniqueEmail } from "./support";
import { submitSeal } from "./wizard";

// An owner registers a webhook in the browser and copies its secret, shown once; an order
// submitted for approval reaches a receiver on this machine, and the delivery log shows it.

test("owner registers a webhook, sees the secret once, and the delivery in the log", async ({ page }) => {
  const received: string[] = [];
  const receiver = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push(String(request.headers["webhook-id"]));
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  try {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    await signUp(page, {
      email: uniqueEmail("hooks"),
      password: "hooks owner password 123",
      name: "Hanna Hooks",
    });
    const orgName = `Hooks ${Date.now().toString(36)} BV`;
    const orgId = await createOrganization(page, orgName);
    await page.getByRole("link", { name: "Webhooks" }).click();
    const form = page.getByRole("form", { name: "Register a webhook" });
    await form.getByLabel("URL").fill(url);
    await form.getByRole("button", { name: "Register webhook" }).click();
    const secret = await form.getByLabel("Signing secret").inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    await page.reload();
    await expect(page.getByRole("listitem").filter({ hasText: url })).toContainText("Enabled");
    await expect(page.locator("body")).not.toContainText(secret);

    // The owner orders a seal for the organization: it waits for approval (order.submitted).
    await submitSeal(page, orgName);
    await expect.poll(() => received.length, { timeout: 15_000 }).toBe(1);

    await page.goto(`/organizations/${orgId}/webhooks`);
    await page.getByRole("link", { name: /^Delivery log/ }).click();
    const event = page.getByRole("listitem").filter({ hasText: "order.submitted" });
    await expect(event).toContainText("delivered");
    await expect(event).toContainText(received[0]!);
    await expect(event.getByRole("table")).toContainText("HTTP 204");
    await expect(event.getByRole("button", { name: "Replay" })).toBeVisible();
  } finally {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
});
