import { expect, test } from "@playwright/test";
import { makeCsr } from "../tests/support/csr";
import { alertBox, signUp, uniqueEmail } from "./support";
import { sandboxOrders, Wizard } from "./wizard";

test.beforeEach(async ({ page }) => {
  await signUp(page, { email: uniqueEmail("wizard"), password: "wizard password 123" });
});

test("a citizen orders a qualified certificate end to end", async ({ page }) => {
  const wizard = new Wizard(page);
  const csr = await makeCsr({ algorithm: "RSA-2048", subject: { commonName: "Anna Example", countryName: "DE" } });
  await wizard.start();
  await wizard.chooseProduct("Citizen Qualified Certificate");
  await wizard.next("Validity and delivery");
  await page.getByRole("radio", { name: /2 years/ }).check();
  await wizard.next("Certificate request (CSR)");
  await wizard.pasteCsr(csr);
  await expect(page.getByRole("region", { name: "What your CSR contains" })).toContainText("RSA 2048 bits");
  await wizard.next("Organization and address");
  await expect(wizard.field("Organization name")).toHaveCount(0);
  await expect(wizard.field("Country")).toHaveValue("DE");
  await wizard.fill({ "Street address": "Hauptstr. 1", City: "Berlin", "State or province": "Berlin", "Postal code": "10115" });
  await wizard.next("Product details");
  await wizard.fill({ "Personal identifier": "TAXDE-123" });
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(alertBox(page)).toContainText("TIN");
  await expect(wizard.field("Personal identifier")).toBeFocused();
  await wizard.fill({ "Personal identifier": "PNODE-1234567890" });
  await wizard.next("Contacts");
  await wizard.next("Review and submit");
  await expect(page.getByText("Citizen Qualified Certificate").first()).toBeVisible();
  await page.getByText("Parameters sent to Sectigo").click();
  await expect(page.getByRole("cell", { name: "personalIdentifier" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "loginPassword" })).toHaveCount(0);
  await wizard.placeOrder();
  await expect(page.getByText("Placed at Sectigo")).toBeVisible();
  const number = await wizard.externalNumber();
  expect(await sandboxOrders(number)).toHaveLength(1);
  await expect(page.getByText(/Sectigo order number/)).toBeVisible();
});
