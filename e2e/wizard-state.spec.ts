import { expect, test } from "./fixtures";
import { makeCsr } from "../tests/support/csr";
import { signUp, uniqueEmail } from "./support";
import { ADDRESS_STEP, Wizard } from "./wizard";

// What the wizard shows follows what the customer did: errors go as the field becomes valid,
// a second CSR replaces what the first one filled in, and the step lives in the address bar.

test.beforeEach(async ({ page }) => {
  await signUp(page, {
    email: uniqueEmail("wizard-state"),
    password: "wizard state password 1",
    verify: false,
  });
});

test("an error goes away as soon as its field is valid, without another Save and continue", async ({
  page,
}) => {
  const wizard = new Wizard(page);
  await wizard.start();
  await wizard.chooseProduct("Citizen Qualified Certificate");
  await wizard.next("Validity and delivery");
  await page.getByRole("radio", { name: /2 years/ }).check();
  await wizard.next("Certificate request (CSR)");

  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.locator("#csr-error")).toContainText("(CSR) is required");
  await wizard.pasteCsr(await makeCsr({ subject: { commonName: "Stale Example", countryName: "DE" } }));
  await expect(page.getByRole("region", { name: "What your CSR contains" })).toContainText("verified");
  await expect(page.locator("#csr-error")).toHaveCount(0);
  await expect(page.getByText("(CSR) is required")).toHaveCount(0);
  await expect(page.getByText("Please correct the highlighted fields")).toHaveCount(0);

  await wizard.next(ADDRESS_STEP);
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.getByText("Street address is required").first()).toBeVisible();
  await wizard.fill({ "Street address": "Hauptstr. 1" });
  await expect(page.getByText("Street address is required")).toHaveCount(0);
  await expect(wizard.field("Street address")).not.toHaveAttribute("aria-invalid", "true");
  // Other fields still wrong keep their errors.
  await expect(page.getByText("City is required").first()).toBeVisible();
});

test("a second CSR replaces the values the first one filled in", async ({ page }) => {
  const wizard = new Wizard(page);
  const first = await makeCsr({
    subject: {
      commonName: "Alpha Example",
      organizationName: "Alpha GmbH",
      localityName: "Hamburg",
      countryName: "DE",
    },
  });
  const second = await makeCsr({
    subject: { commonName: "Beta Example", organizationName: "Beta BV", countryName: "NL" },
  });
  await wizard.start();
  await wizard.chooseProduct("Employee Qualified Certificate");
  await wizard.next("Validity and delivery");
  await page.getByRole("radio", { name: /1 year/ }).check();
  await wizard.next("Certificate request (CSR)");
  await wizard.pasteCsr(first);
  await wizard.next(ADDRESS_STEP);
  await expect(wizard.field("Organization name")).toHaveValue("Alpha GmbH");
  await expect(wizard.field("City")).toHaveValue("Hamburg");
  await wizard.fill({ "Street address": "Hauptstr. 1" });

  await wizard.back("Certificate request (CSR)");
  await wizard.pasteCsr(second);
  await expect(page.getByRole("region", { name: "What your CSR contains" })).toContainText("Beta BV");
  await wizard.next(ADDRESS_STEP);
  await expect(wizard.field("Organization name")).toHaveValue("Beta BV");
  await expect(wizard.field("Country")).toHaveValue("NL");
  // The first CSR's city is not the customer's answer: it goes with that CSR.
  await expect(wizard.field("City")).toHaveValue("");
  // What the customer typed stays.
  await expect(wizard.field("Street address")).toHaveValue("Hauptstr. 1");
  await expect(page.getByText("the value typed here")).toHaveCount(0);
  await expect(page.getByText("Alpha GmbH")).toHaveCount(0);
});

test("browser Back and Forward move between steps, and a reload stays on the step", async ({ page }) => {
  const wizard = new Wizard(page);
  await wizard.start();
  await wizard.chooseProduct("Citizen Qualified Certificate");
  await wizard.next("Validity and delivery");
  await expect(page).toHaveURL(/\/orders\/[a-z0-9]+\/edit\?step=validity$/);
  await page.getByRole("radio", { name: /2 years/ }).check();
  await wizard.next("Certificate request (CSR)");
  await expect(page).toHaveURL(/\?step=csr$/);

  await page.goBack();
  await expect(wizard.heading()).toHaveText("Validity and delivery");
  await expect(page).toHaveURL(/\?step=validity$/);
  await expect(page.getByRole("radio", { name: /2 years/ })).toBeChecked();
  await page.goBack();
  await expect(wizard.heading()).toHaveText("Certificate");
  await expect(page.getByRole("radio", { name: "Citizen Qualified Certificate", exact: true })).toBeChecked();
  await page.goForward();
  await expect(wizard.heading()).toHaveText("Validity and delivery");

  await page.reload();
  await expect(wizard.heading()).toHaveText("Validity and delivery");
  await wizard.next("Certificate request (CSR)");
  const pem = await makeCsr({ subject: { commonName: "Reload Example", countryName: "DE" } });
  await wizard.pasteCsr(pem);
  await wizard.next(ADDRESS_STEP);
  await page.reload();
  await expect(wizard.heading()).toHaveText(ADDRESS_STEP);
  await expect(wizard.field("Country")).toHaveValue("DE");
  await page.goBack();
  await expect(wizard.heading()).toHaveText("Certificate request (CSR)");
  await expect(page.getByLabel(/^CSR \(PEM or Base64\)/)).toHaveValue(pem);
});
