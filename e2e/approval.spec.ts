import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { accept, createOrganization, invite, personIn } from "./organizations";
import { signUp, uniqueEmail } from "./support";
import { sandboxOrders, submitSeal } from "./wizard";

// The approval workflow in the browser (issue 15): the approver (the organization's owner) invites
// a requester by e-mail; the requester's seal order waits for the approver, who approves it under
// "Approvals" (one order at the sandbox CA) or rejects it with a reason the requester reads.

test("an approver approves one order (placed once) and rejects another with a reason the requester reads", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const requester = { email: uniqueEmail("requester"), password: "requester password 123" };
  const approver = { email: uniqueEmail("approver"), password: "approver password 123" };
  const orgName = `Seal Maker ${Date.now().toString(36)} BV`;
  await signUp(page, { ...requester, name: "Rita Requester" });
  const approverPage = await (
    await browser.newContext({ baseURL: test.info().project.use.baseURL })
  ).newPage();
  await signUp(approverPage, { ...approver, name: "Anton Approver" });
  // The approver owns the organization (approval is on by default) and invites the requester.
  await createOrganization(approverPage, orgName);
  await invite(approverPage, requester.email, "Requester");
  await accept(browser, { page, email: requester.email }, orgName);
  // A second approver, to approve at the same moment as the first.
  const berta = await personIn(browser, "approver-two", "Berta Approver");
  await invite(approverPage, berta.email, "Approver");
  await accept(browser, berta, orgName);

  const first = await submitSeal(page, orgName);
  expect(await sandboxOrders(first)).toHaveLength(0);
  await expect(page.getByRole("button", { name: "Withdraw to edit" })).toBeVisible();

  // The approver finds it under Approvals and sees exactly what will be sent.
  await approverPage.goto("/orders");
  await approverPage.getByRole("link", { name: "Approvals" }).click();
  await expect(approverPage.getByRole("heading", { name: "Approvals", level: 1 })).toBeVisible();
  await approverPage.getByRole("link", { name: first }).click();
  const request = approverPage.getByRole("table", { name: "Request parameters" });
  await expect(request.getByRole("row", { name: /foreignOrderNumber/ })).toContainText(first);
  await expect(request).not.toContainText("loginPassword");
  // A second tab on the same approval, and the second approver on it, opened before the decision.
  const secondTab = await approverPage.context().newPage();
  await secondTab.goto(approverPage.url());
  await berta.page.goto(approverPage.url());
  // Both approvers click Approve at the same moment: one sends, the other is told it was decided.
  const approve = (p: Page) => p.getByRole("button", { name: "Approve and send to Sectigo" }).click();
  await Promise.all([approve(approverPage), approve(berta.page)]);
  const sent = (p: Page) => p.getByRole("status").filter({ hasText: /Approved (and sent|by \w+ Approver)/ });
  const decided = (p: Page) => p.getByRole("alert").filter({ hasText: "already decided" });
  await expect(sent(approverPage).or(decided(approverPage))).toBeVisible();
  await expect(sent(berta.page).or(decided(berta.page))).toBeVisible();
  const told = await Promise.all([approverPage, berta.page].map((p) => decided(p).isVisible()));
  expect(told.filter(Boolean), "approvers told it was already decided").toHaveLength(1);
  // A second click, in a tab opened before the decision, is told the same.
  await approve(secondTab);
  await expect(decided(secondTab)).toBeVisible();
  expect(await sandboxOrders(first)).toHaveLength(1);
  await page.reload();
  await expect(page.getByText("Placed at Sectigo").first()).toBeVisible();
  await expect(page.getByText(/Approved by (Anton|Berta) Approver/)).toBeVisible();
  // The timeline names who sent it: the approver, not "you" (the requester did not send it).
  await expect(page.getByText(/sent by (Anton|Berta) Approver/)).toBeVisible();
  await expect(page.getByText("sent by you")).toHaveCount(0);

  // A rejection: the reason is required, then reaches the requester; nothing is sent.
  const second = await submitSeal(page, orgName);
  await approverPage.goto("/approvals");
  await approverPage.getByRole("link", { name: second }).click();
  await expect(approverPage.getByRole("heading", { name: new RegExp(second) })).toBeVisible();
  await approverPage.getByRole("button", { name: "Reject" }).click();
  await expect(approverPage.getByText("Say why you reject the order").first()).toBeVisible();
  await approverPage.getByLabel("Reason").fill("Use the registered name from the KvK extract");
  await approverPage.getByRole("button", { name: "Reject" }).click();
  await expect(approverPage.getByRole("status").filter({ hasText: /^Rejected/ })).toBeVisible();
  expect(await sandboxOrders(second)).toHaveLength(0);
  await page.reload();
  await expect(page.getByText("The approver rejected this order")).toBeVisible();
  await expect(page.getByText(/Use the registered name from the KvK extract/).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Continue this draft" })).toBeVisible();
  // The drafts list says it was rejected and leads to the reason.
  await page.goto("/orders");
  await page.getByRole("link", { name: "rejected by the approver: see why" }).click();
  await expect(page.getByText("The approver rejected this order")).toBeVisible();

  // Back in the queue, nothing is left to decide.
  await approverPage.goto("/approvals");
  await expect(approverPage.getByText("No orders are waiting for your approval.")).toBeVisible();
});
