import { expect, type Page } from "@playwright/test";

/** Page object for the order wizard at /orders/new. */
export class Wizard {
  constructor(readonly page: Page) {}

  async start(): Promise<void> {
    await this.page.goto("/orders/new");
    await expect(this.heading()).toHaveText("Certificate");
  }

  heading() {
    return this.page.locator("form h2");
  }

  async chooseProduct(name: string): Promise<void> {
    await this.page.getByRole("radio", { name, exact: true }).check();
  }

  /** Saves the step and waits for the named next step. */
  async next(expected: string): Promise<void> {
    await this.page.getByRole("button", { name: "Save and continue" }).click();
    await expect(this.heading()).toHaveText(expected);
  }

  async back(expected: string): Promise<void> {
    await this.page.getByRole("button", { name: "Back" }).click();
    await expect(this.heading()).toHaveText(expected);
  }

  field(label: string) {
    const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return this.page.getByLabel(new RegExp(`^${escaped}( \\((required|optional)\\))?$`));
  }

  async fill(values: Record<string, string>): Promise<void> {
    for (const [label, value] of Object.entries(values)) await this.field(label).fill(value);
  }

  async select(values: Record<string, string>): Promise<void> {
    for (const [label, value] of Object.entries(values)) await this.field(label).selectOption(value);
  }

  async pasteCsr(pem: string): Promise<void> {
    await this.page.getByLabel(/^CSR \(PEM or Base64\)/).fill(pem);
  }

  async placeOrder(): Promise<void> {
    await this.page.getByRole("button", { name: "Place order" }).click();
    await expect(this.page).toHaveURL(/\/orders\/[a-z0-9]+$/, { timeout: 30_000 });
  }

  /**
   * The usual walk to the review step: product, validity, CSR, an address in Berlin (and the
   * country, when the CSR does not give one), the product details, contacts.
   */
  async walkToReview(order: {
    product: string;
    validity: RegExp;
    csr: string;
    country?: string;
    details: Record<string, string>;
  }): Promise<void> {
    await this.start();
    await this.chooseProduct(order.product);
    await this.next("Validity and delivery");
    await this.page.getByRole("radio", { name: order.validity }).check();
    await this.next("Certificate request (CSR)");
    await this.pasteCsr(order.csr);
    await this.next("Organization and address");
    await this.fill({
      "Street address": "Hauptstr. 1",
      City: "Berlin",
      "State or province": "Berlin",
      "Postal code": "10115",
    });
    if (order.country) await this.select({ Country: order.country });
    await this.next("Product details");
    await this.fill(order.details);
    await this.next("Contacts");
    await this.next("Review and submit");
  }

  /** External order number of the order page we are on. */
  async externalNumber(): Promise<string> {
    const text = await this.page.getByRole("heading", { level: 1 }).innerText();
    return /EQ-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(text)?.[0] ?? "";
  }
}

export const SANDBOX = `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT || 4110}`;

/** Orders the sandbox CA holds for one external order number. */
export async function sandboxOrders(externalNumber: string): Promise<unknown[]> {
  const response = await fetch(
    `${SANDBOX}/sandbox/orders?foreignOrderNumber=${encodeURIComponent(externalNumber)}`,
  );
  const body = (await response.json()) as { orders?: unknown[] } | unknown[];
  return Array.isArray(body) ? body : (body.orders ?? []);
}
