import { expect, type Download, type Page } from "@playwright/test";
import { makeCsr } from "../tests/support/csr";

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
  async next(expected: string | RegExp): Promise<void> {
    await this.page.getByRole("button", { name: "Save and continue" }).click();
    await expect(this.heading()).toHaveText(expected);
  }

  async back(expected: string | RegExp): Promise<void> {
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

  async placeOrder(button = "Place order"): Promise<void> {
    await this.page.getByRole("button", { name: button }).click();
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
    await this.next(ADDRESS_STEP);
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

/** The address step, titled for the person ordering (organization, private person, employee). */
export const ADDRESS_STEP = /^(Organization and address|Your address|Employer and address)$/;

export const SANDBOX = `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT || 4110}`;
/** Port of the DCV test web server (playwright.config.ts gives the sandbox and portal the same). */
export const DCV_PORT = Number(process.env.E2E_DCV_PORT || Number(process.env.E2E_SANDBOX_PORT || 4110) + 10);

/** Orders the sandbox CA holds for one external order number. */
export async function sandboxOrders(externalNumber: string): Promise<unknown[]> {
  const response = await fetch(
    `${SANDBOX}/sandbox/orders?foreignOrderNumber=${encodeURIComponent(externalNumber)}`,
  );
  const body = (await response.json()) as { orders?: unknown[] } | unknown[];
  return Array.isArray(body) ? body : (body.orders ?? []);
}

/** The CSR step's key generator and the private-key guard (csr-step.tsx, key-saver.tsx). */
export class CsrKeyStep {
  constructor(readonly page: Page) {}

  /** From the first step to the CSR step of a new order. */
  async open(wizard: Wizard, product: string, validity: RegExp): Promise<void> {
    await wizard.start();
    await wizard.chooseProduct(product);
    await wizard.next("Validity and delivery");
    await this.page.getByRole("radio", { name: validity }).check();
    await wizard.next("Certificate request (CSR)");
  }

  /** Generates a key pair and CSR in the browser and waits for the CSR to be read. */
  async generate(opts: { commonName: string; country?: string; keyType?: string }): Promise<void> {
    await this.page.getByText("No CSR? Generate a key pair and CSR in your browser").click();
    await this.page.getByLabel("Common name", { exact: true }).fill(opts.commonName);
    if (opts.country) await new Wizard(this.page).select({ Country: opts.country });
    await this.page.getByLabel("Key type").selectOption(opts.keyType ?? "P-256");
    await this.page.getByRole("button", { name: "Generate key pair and CSR" }).click();
    await expect(this.page.getByLabel(/^CSR \(PEM or Base64\)/)).toHaveValue(/BEGIN CERTIFICATE REQUEST/);
  }

  /** Downloads the password-protected key file; returns its text. */
  async downloadProtected(password: string): Promise<string> {
    await this.page.getByLabel("Password for the key file").fill(password);
    await this.page.getByLabel("Repeat the password").fill(password);
    const download = this.page.waitForEvent("download");
    await this.page.getByRole("button", { name: /Download the password-protected key/ }).click();
    return readDownload(await download);
  }

  /** The CSR currently in the form. */
  async csr(): Promise<string> {
    return this.page.getByLabel(/^CSR \(PEM or Base64\)/).inputValue();
  }
}

export async function readDownload(download: Download): Promise<string> {
  let text = "";
  for await (const chunk of await download.createReadStream()) text += chunk.toString();
  return text;
}

/** A seal order through the wizard, for the organization, submitted; returns its external number. */
export async function submitSeal(page: Page, orgName: string): Promise<string> {
  const wizard = new Wizard(page);
  const csr = await makeCsr({
    subject: { commonName: "Seal Maker BV", organizationName: "Seal Maker BV", countryName: "NL" },
  });
  await page.goto("/orders/new");
  await page.getByRole("radio", { name: orgName }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(wizard.heading()).toHaveText("Certificate");
  await wizard.chooseProduct("Seal Qualified certificate");
  await wizard.next("Validity and delivery");
  await page.getByRole("radio", { name: /1 year/ }).check();
  await wizard.next("Certificate request (CSR)");
  await wizard.pasteCsr(csr);
  await wizard.next(ADDRESS_STEP);
  await wizard.fill({
    "Organization identifier": "VATNL-810433941B01",
    "Street address": "Damrak 1",
    City: "Amsterdam",
    "State or province": "Noord-Holland",
    "Postal code": "1012 LG",
  });
  await wizard.next("Product details");
  await wizard.next("Contacts");
  await wizard.next("Review and submit");
  // The wizard says the order goes to the approver, not to Sectigo.
  await expect(page.getByText("before the order goes to your organization's approvers")).toBeVisible();
  await expect(page.getByRole("button", { name: "Place order" })).toHaveCount(0);
  await wizard.placeOrder("Submit for approval");
  await expect(page.getByText("Awaiting approval").first()).toBeVisible();
  return wizard.externalNumber();
}
