import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { firstLinkOfMail } from "./mail";
import { signUp, uniqueEmail } from "./support";

// Organizations as their people make them in the browser: create one, invite by e-mail, accept.

/** A new signed-up person in a browser context of their own. */
export async function personIn(
  browser: Browser,
  prefix: string,
  name = `${prefix} Person`,
): Promise<{ page: Page; email: string }> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const page = await context.newPage();
  const email = uniqueEmail(prefix);
  await signUp(page, { email, password: `${prefix} password 123`, name });
  return { page, email };
}

/** Creates a company organization as the signed-in user (its owner); returns its id. */
export async function createOrganization(page: Page, name: string): Promise<string> {
  await page.goto("/organizations");
  await page.getByLabel("Organization name").fill(name);
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  const id = /\/organizations\/([^/?#]+)/.exec(page.url())?.[1];
  expect(id).toBeTruthy();
  return id!;
}

/** The owner (on the members page) invites an address with one role. */
export async function invite(page: Page, email: string, role: "Requester" | "Approver" | "Viewer") {
  const form = page.getByRole("form", { name: "Invite a colleague" });
  await form.getByLabel(/^E-mail address/).fill(email);
  // Requester is ticked by default.
  if (role !== "Requester") {
    await form.getByRole("checkbox", { name: /^Requester/ }).uncheck();
    await form.getByRole("checkbox", { name: new RegExp(`^${role}`) }).check();
  }
  await form.getByRole("button", { name: "Send invitation" }).click();
  await expect(form.getByRole("status")).toHaveText(`Invitation sent to ${email}.`);
}

/** The invitee opens the mailed link and joins. */
export async function accept(browser: Browser, person: { page: Page; email: string }, orgName: string) {
  const link = await firstLinkOfMail(browser, person.email, { subject: /invites you to/ });
  await person.page.goto(link);
  await person.page.getByRole("button", { name: `Join ${orgName}` }).click();
  await expect(person.page.getByRole("status")).toContainText("you are now a member");
}
