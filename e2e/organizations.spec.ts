import { expect, test } from "./fixtures";
import { makeCsr } from "../tests/support/csr";
import { accept, invite, personIn } from "./organizations";
import { signUp, uniqueEmail } from "./support";
import { ADDRESS_STEP, sandboxOrders, Wizard } from "./wizard";

// A company as its people use it: the owner creates the organization and invites a requester and
// a viewer by e-mail; they accept; the requester orders for the organization; the viewer sees the
// order but cannot act on it; once removed, the viewer gets "not found".

test("owner invites a requester and a viewer; the requester orders for the company; the viewer only reads, until removed", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const orgName = `Acme ${Date.now().toString(36)}`;
  await signUp(page, { email: uniqueEmail("owner"), password: "owner password 123", name: "Olga Owner" });
  // A private person sees no organization link until they ask for it on their account page.
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Organizations" }),
  ).toHaveCount(0);
  await page.goto("/account");
  await page.getByRole("link", { name: "Order as a company? Create an organization" }).click();
  await page.getByLabel("Organization name").fill(orgName);
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(orgName);
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Organizations" }),
  ).toBeVisible();

  const requester = await personIn(browser, "requester");
  const viewer = await personIn(browser, "viewer");
  await invite(page, requester.email, "Requester");
  await invite(page, viewer.email, "Viewer");
  // A mistyped address is refused in the page, announced, instead of the last success staying on.
  const inviteForm = page.getByRole("form", { name: "Invite a colleague" });
  await inviteForm.getByLabel(/^E-mail address/).fill("viewer.example.com");
  await inviteForm.getByRole("button", { name: "Send invitation" }).click();
  await expect(inviteForm.getByRole("alert")).toContainText("Enter a valid e-mail address");
  await expect(inviteForm.getByRole("status")).toHaveCount(0);
  await accept(browser, requester, orgName);
  await accept(browser, viewer, orgName);
  await page.reload();
  await expect(page.getByTestId("member")).toHaveCount(3);

  // The requester is asked whose order it is, and orders for the organization.
  const r = requester.page;
  await r.goto("/orders/new");
  await r.getByRole("radio", { name: orgName }).check();
  await r.getByRole("button", { name: "Continue" }).click();
  await expect(r.getByText(`Ordering for ${orgName}`)).toBeVisible();
  const wizard = new Wizard(r);
  await expect(wizard.heading()).toHaveText("Certificate");
  await wizard.chooseProduct("Citizen Qualified Certificate");
  await wizard.next("Validity and delivery");
  await r.getByRole("radio", { name: /1 year/ }).check();
  await wizard.next("Certificate request (CSR)");
  await wizard.pasteCsr(await makeCsr({ subject: { commonName: "Rita Requester", countryName: "DE" } }));
  await wizard.next(ADDRESS_STEP);
  await wizard.fill({
    "Street address": "Hauptstr. 1",
    City: "Berlin",
    "State or province": "Berlin",
    "Postal code": "10115",
  });
  await wizard.next("Product details");
  await wizard.fill({ "Personal identifier": "PNODE-20261207" });
  await wizard.next("Contacts");
  await wizard.next("Review and submit");
  await wizard.placeOrder();
  const orderUrl = r.url();
  const number = await wizard.externalNumber();
  expect(await sandboxOrders(number)).toHaveLength(1);
  await expect(r.getByText(orgName).first()).toBeVisible();

  // The viewer sees the order, whose it is and who asked, and no button to act on it.
  const v = viewer.page;
  await v.goto(orderUrl);
  await expect(v.getByRole("heading", { level: 1 })).toContainText(number);
  await expect(v.getByText("requester Person").first()).toBeVisible();
  await expect(v.getByRole("button", { name: /Cancel|Revoke|Renew/ })).toHaveCount(0);
  await v.goto("/orders");
  await expect(v.getByRole("link", { name: number })).toBeVisible();

  // Removed, the viewer's next request finds nothing.
  const row = page.getByTestId("member").filter({ hasText: viewer.email });
  await row.getByText(/Change roles or remove/).click();
  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: /^Remove/ }).click();
  await expect(page.getByTestId("member")).toHaveCount(2);
  await v.goto(orderUrl);
  await expect(v.getByRole("heading", { name: "Page not found" })).toBeVisible();
  // One main landmark: the message sits in the portal's, not in a second one.
  await expect(v.getByRole("main")).toHaveCount(1);
  await v.goto("/orders");
  await expect(v.getByRole("link", { name: number })).toHaveCount(0);
});
