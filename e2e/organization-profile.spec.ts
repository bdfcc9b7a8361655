import { expect, test } from "./fixtures";
import { makeCsr } from "../tests/support/csr";
import { createOrganization } from "./organizations";
import { alertBox, signUp, uniqueEmail } from "./support";
import { ADDRESS_STEP, Wizard } from "./wizard";

// An owner fills the company profile; a new order for the company arrives at the organization
// step pre-filled, and a value changed there shows as a difference on the review step.

test("the company profile pre-fills a new order and its changes show on review", async ({ page }) => {
  const email = uniqueEmail("owner");
  await signUp(page, { email, password: "owner password 123" });
  const organizationId = await createOrganization(page, "Example Seal GmbH");

  await page.goto(`/organizations/${organizationId}/profile`);
  await expect(page.getByRole("heading", { name: "Company profile", level: 2 })).toBeVisible();
  // Its parts are headed under it.
  await expect(page.getByRole("heading", { name: "Validated by Sectigo", level: 3 })).toBeVisible();
  await expect(page.getByText("Sectigo has not validated an order of this organization yet.")).toBeVisible();
  await page.getByLabel("Organization name", { exact: true }).fill("Example Seal GmbH");
  await page.getByLabel("Street address", { exact: true }).fill("Hauptstr. 1");
  await page.getByLabel("Postal code", { exact: true }).fill("10115");
  await page.getByLabel("City", { exact: true }).fill("Berlin");
  await page.getByLabel("State or province", { exact: true }).fill("Berlin");
  await page.getByLabel("Country", { exact: true }).selectOption("DE");
  // A bad identifier is refused with its field named; nothing is saved.
  await page.getByLabel("Organization identifier", { exact: true }).fill("Example GmbH");
  await page.getByRole("button", { name: "Save company profile" }).click();
  await expect(alertBox(page)).toContainText("organization identifier");
  await expect(page.getByLabel("Organization identifier", { exact: true })).toBeFocused();
  await page.getByLabel("Organization identifier", { exact: true }).fill("NTRDE-HRB12345");
  await page.getByRole("button", { name: "Save company profile" }).click();
  await expect(page.getByRole("status").filter({ hasText: "saved" })).toHaveText(
    "The company profile is saved.",
  );

  const wizard = new Wizard(page);
  await page.goto(`/orders/new?for=${organizationId}`);
  await expect(page.getByText("Ordering for")).toContainText("Example Seal GmbH");
  await wizard.chooseProduct("Seal Qualified certificate");
  await wizard.next("Validity and delivery");
  await page.getByRole("radio", { name: /1 year/ }).check();
  await wizard.next("Certificate request (CSR)");
  await wizard.pasteCsr(await makeCsr({ subject: { commonName: "Example Seal" } }));
  await wizard.next(ADDRESS_STEP);
  await expect(wizard.field("Organization name")).toHaveValue("Example Seal GmbH");
  await expect(wizard.field("Street address")).toHaveValue("Hauptstr. 1");
  await expect(wizard.field("Postal code")).toHaveValue("10115");
  await expect(wizard.field("Country")).toHaveValue("DE");
  await expect(wizard.field("Organization identifier")).toHaveValue("NTRDE-HRB12345");
  await wizard.fill({ City: "Hamburg" });
  await wizard.next("Product details");
  await wizard.next("Contacts");
  await wizard.next("Review and submit");
  const differences = page.getByTestId("profile-differences");
  await expect(differences).toHaveText("City: Berlin → Hamburg");
  await expect(page.getByText("These values differ from your company profile:")).toBeVisible();

  // Back to the first step: a PSD2 product's identifier is the PSD2 authorisation number, so the
  // register identifier no longer applies; it is cleared, and the notice names it with its value.
  await page.goto(page.url().replace(/step=[a-z-]+/, "step=product"));
  await expect(wizard.heading()).toHaveText("Certificate");
  await wizard.chooseProduct("Seal for PSD2");
  await expect(page.getByRole("status").filter({ hasText: "no longer apply" })).toHaveText(
    "Seal for PSD2 is a PSD2 certificate: its organization identifier is the PSD2 authorisation number, so these answers no longer apply and were cleared: Organization identifier (NTRDE-HRB12345). Their values are shown here should you switch back.",
  );
});
