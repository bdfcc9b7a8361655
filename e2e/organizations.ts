import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { actionResultOf, encodeActionArgs } from "../scripts/soak/rsc";
import { expect, test } from "./fixtures";
import { actionId } from "./hostile-requests";
import { firstLinkOfMail } from "./mail";
import { confirmEmail, mailedLink, signUp, uniqueEmail } from "./support";

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

// The same people and orders made over plain HTTP, as the pages' forms would post them: for specs
// whose subject is what each person may do afterwards (the authorization matrix), not the forms.

/** What a server action answered: its ActionState, its redirect, or the HTTP status alone. */
export type ActionAnswer = {
  status: number;
  redirect?: string;
  ok?: boolean;
  code?: string;
  message?: string;
  data?: Record<string, unknown>;
};

/** Posts a server action (by source file and export name) to `path`, the page that hosts it. */
export async function postAction(
  request: APIRequestContext,
  path: string,
  action: [file: string, name: string],
  input: unknown,
): Promise<ActionAnswer> {
  const origin = test.info().project.use.baseURL!;
  const response = await request.post(path, {
    headers: {
      "next-action": actionId(...action),
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin: new URL(origin).origin,
    },
    data: encodeActionArgs([undefined, input]),
    maxRedirects: 0,
  });
  const redirect = response.headers()["x-action-redirect"];
  if (response.status() !== 200 || redirect) return { status: response.status(), redirect };
  return { status: 200, ...(actionResultOf(await response.text()) as Omit<ActionAnswer, "status">) };
}

/** A person signed up and signed in over HTTP, in a browser context of their own. */
export async function httpPerson(
  browser: Browser,
  prefix: string,
  opts: { name?: string; verify?: boolean } = {},
): Promise<{ page: Page; email: string }> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const page = await context.newPage();
  const email = uniqueEmail(prefix);
  const password = `${prefix} password 123`;
  const name = opts.name ?? `${prefix} Person`;
  const signedUp = await postAction(context.request, "/sign-up", ["app/(auth)/actions.ts", "signUpAction"], {
    name,
    email,
    password,
    confirmPassword: password,
  });
  expect(signedUp.ok, JSON.stringify(signedUp)).toBe(true);
  const { csrfToken } = (await (await context.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await context.request.post("/api/auth/callback/credentials", {
    form: { email, password, csrfToken, callbackUrl: "/orders" },
    maxRedirects: 0,
  });
  expect((await context.request.get("/orders", { maxRedirects: 0 })).status()).toBe(200);
  if (opts.verify) await confirmEmail(page, email);
  return { page, email };
}

/** Invites `email` to the organization over HTTP as its owner; they join from the mailed link. */
export async function joinOverHttp(
  owner: APIRequestContext,
  person: { page: Page; email: string },
  organizationId: string,
  roles: ("REQUESTER" | "APPROVER" | "VIEWER" | "OWNER")[],
): Promise<void> {
  const invited = await postAction(
    owner,
    `/organizations/${organizationId}`,
    ["app/(portal)/organizations/[id]/actions.ts", "inviteMemberAction"],
    { organizationId, email: person.email, roles },
  );
  expect(invited.ok, JSON.stringify(invited)).toBe(true);
  const link = await mailedLink(person.email, /invites you to/, /\/invitation\?token=[A-Za-z0-9_-]+/);
  const token = new URL(link, "http://x").searchParams.get("token")!;
  const joined = await postAction(
    person.page.context().request,
    `/invitation?token=${token}`,
    ["app/(auth)/invitation/actions.ts", "acceptInvitationAction"],
    { token },
  );
  expect(joined.ok, JSON.stringify(joined)).toBe(true);
}
