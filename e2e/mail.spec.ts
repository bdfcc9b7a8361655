import { makeCsr } from "../tests/support/csr";
import { expect, test } from "./fixtures";
import { waitForMail } from "./mail";
import { demo, DEMO_PASSWORD, signIn } from "./support";
import { Wizard } from "./wizard";

// Demo mode needs no mail server: placing an order sends the "placed" mail through real SMTP to
// the server's own catcher; the admin's demo mail page shows it, and its link opens the order.
test("a placed order's mail is caught in demo mode and its link opens the order", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  await signIn(page, demo.customer, DEMO_PASSWORD);
  const wizard = new Wizard(page);
  const csr = await makeCsr({
    subject: { commonName: "Mail Test BV", organizationName: "Mail Test BV", countryName: "NL" },
  });
  await wizard.start();
  await wizard.chooseProduct("Seal Qualified certificate");
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
  await wizard.next("Contacts");
  await wizard.next("Review and submit");
  await wizard.placeOrder();
  const orderUrl = page.url();
  const number = await wizard.externalNumber();

  const subject = new RegExp(`Placed at Sectigo: order ${number}`);
  // The subject names this order: the shared demo customer may have many mails by now.
  const mail = await waitForMail(browser, demo.customer, { subject });
  const link = mail.links[0]!;
  expect(link).toBe(orderUrl);
  await page.goto("/orders");
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(number);

  // The mail's footer link opens the e-mail choices without signing in.
  const preferences = mail.links.find((l) => l.includes("/mail-preferences?token="));
  expect(preferences).toBeDefined();
  const anonymous = await browser.newPage({ baseURL: test.info().project.use.baseURL });
  await anonymous.goto(preferences!);
  await expect(anonymous.getByText(`For ${demo.customer}`)).toBeVisible();
  await anonymous.getByRole("checkbox", { name: "Order progress" }).uncheck();
  await anonymous.getByRole("button", { name: "Save choices" }).click();
  await expect(anonymous.getByRole("status")).toHaveText("Your e-mail choices are saved.");
  await anonymous.reload();
  await expect(anonymous.getByRole("checkbox", { name: "Order progress" })).not.toBeChecked();
  await anonymous.getByRole("checkbox", { name: "Order progress" }).check();
  // With the keyboard: the status is announced and focus stays on the button, not the page.
  await anonymous.getByRole("button", { name: "Save choices" }).focus();
  await anonymous.keyboard.press("Enter");
  await expect(anonymous.getByRole("status")).toHaveText("Your e-mail choices are saved.");
  await expect(anonymous.getByRole("button", { name: "Save choices" })).toBeFocused();
  await anonymous.close();

  // The admin sees the HTML part in a tab of its own, styled: its inline styles pass the tab's
  // policy (a sandbox: no script runs there at all, not even the test tools' own).
  const admin = await browser.newPage({ baseURL: test.info().project.use.baseURL });
  const blocked: string[] = [];
  admin.context().on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy/i.test(m.text())) blocked.push(m.text());
  });
  await signIn(admin, demo.admin, DEMO_PASSWORD);
  await admin.goto(`/admin/mail?to=${encodeURIComponent(demo.customer)}`);
  await admin.getByRole("link", { name: subject }).first().click();
  const [tab] = await Promise.all([
    admin.context().waitForEvent("page"),
    admin.getByRole("link", { name: "Open the HTML part" }).click(),
  ]);
  await expect(tab!.getByRole("link", { name: "Follow the order" })).toHaveAttribute("href", orderUrl);
  expect(blocked).toEqual([]);
  await admin.context().close();
});
