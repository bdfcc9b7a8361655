import { expect, test } from "./fixtures";
import { httpPerson, postAction } from "./organizations";
import { mailedLink, uniqueEmail } from "./support";

// An invitee without an account: from the invitation page to sign-up, and back to the invitation
// through the link that confirms their address; they sign in there and join.

test("an invitee without an account signs up from the invitation and comes back to it after confirming", async ({
  browser,
  page,
}) => {
  const owner = await httpPerson(browser, "inviting-owner");
  const request = owner.page.context().request;
  const orgName = `Invite ${Date.now().toString(36)} GmbH`;
  const made = await postAction(
    request,
    "/organizations",
    ["app/(portal)/organizations/actions.ts", "createOrganizationAction"],
    {
      name: orgName,
    },
  );
  const organizationId = /\/organizations\/([^/?#;]+)/.exec(made.redirect ?? "")?.[1];
  expect(organizationId).toBeTruthy();
  const email = uniqueEmail("invitee");
  const invited = await postAction(
    request,
    `/organizations/${organizationId}`,
    ["app/(portal)/organizations/[id]/actions.ts", "inviteMemberAction"],
    { organizationId, email, roles: ["VIEWER"] },
  );
  expect(invited.ok).toBe(true);

  await page.goto(
    await mailedLink(email, /invites you to/, /https?:\/\/[^\s"<]+\/invitation\?token=[A-Za-z0-9_-]+/),
  );
  await expect(page.getByRole("heading", { name: `Join ${orgName}` })).toBeVisible();
  await page.getByRole("link", { name: `Sign up with ${email}` }).click();
  await expect(page.getByText("brings you back to your invitation")).toBeVisible();
  const password = "invitee password 123";
  await page.getByLabel("Full name").fill("Ivo Invitee");
  // The invited address is filled in.
  await expect(page.getByLabel("E-mail address")).toHaveValue(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Repeat the password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("status").filter({ hasText: "sign in" })).toBeVisible();

  // The confirmation link leads back to the invitation, where they sign in and join.
  await page.goto(
    await mailedLink(
      email,
      /Confirm your e-mail address/,
      /https?:\/\/[^\s"<]+\/verify-email\?token=[^\s"<]+/,
    ),
  );
  await page.getByRole("button", { name: "Confirm my e-mail address" }).click();
  await expect(page.getByRole("status")).toContainText("your e-mail address is confirmed");
  await page.getByRole("link", { name: "Back to your invitation" }).click();
  await expect(page.getByRole("heading", { name: `Join ${orgName}` })).toBeVisible();
  await page.getByRole("link", { name: "Sign in", exact: true }).click();
  await expect(page.getByLabel("E-mail address")).toHaveValue(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/invitation\?token=/);
  await page.getByRole("button", { name: `Join ${orgName}` }).click();
  await expect(page.getByRole("status")).toContainText("you are now a member");
});
