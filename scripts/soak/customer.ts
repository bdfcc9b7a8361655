import type { ActionIds } from "./action-ids";
import type { Submission } from "./invariants";
import type { OrderInputValue } from "./order-inputs";
import { PortalClient, type HttpLog } from "./portal-client";
import type { Agent } from "undici";

// One simulated customer: a session of its own, then orders placed as the wizard places them.

export interface Account {
  name: string;
  email: string;
  password: string;
}

/** The return shape of the portal's form actions (lib/actions.ts). */
export type ActionState<T> = { ok: true; message?: string; data?: T } | { ok: false; message: string };

/** Signs the account in (or up, creating it) and returns its client with the session cookie. */
export async function startSession(
  account: Account,
  options: {
    baseUrl: string;
    register: false | { admin: PortalClient };
    signUpActionId: string;
    verifyEmailActionId: string;
  },
  agent: Agent,
  http: HttpLog,
): Promise<PortalClient> {
  const client = new PortalClient(options.baseUrl, agent, http);
  if (options.register) {
    const answer = await client.action<ActionState<undefined>>("/sign-up", options.signUpActionId, [
      undefined,
      { ...account, confirmPassword: account.password },
    ]);
    if (answer.kind !== "result" || !answer.value.ok)
      throw new Error(`sign-up of ${account.email} failed: ${JSON.stringify(answer)}`);
  }
  // Sign-up never signs in (it must not reveal whether the address already had an account).
  await client.signIn(account.email, account.password);
  if (options.register)
    await confirmEmail(client, options.register.admin, account.email, options.verifyEmailActionId);
  return client;
}

/**
 * Confirms a new account's address as its owner would: the verification link is read from the
 * demo mail catcher's admin page, then the link page's button (the action) is sent with its token.
 */
async function confirmEmail(client: PortalClient, admin: PortalClient, email: string, actionId: string) {
  const deadline = Date.now() + 20_000;
  let token: string | undefined;
  while (!token) {
    const list = await admin.get(`/admin/mail?to=${encodeURIComponent(email)}`);
    const id = /href="\/admin\/mail\/([^"/?]+)"/.exec(list)?.[1];
    if (id)
      token = /\/verify-email\?token=([A-Za-z0-9_-]{43})/.exec(await admin.get(`/admin/mail/${id}`))?.[1];
    if (token) break;
    if (Date.now() > deadline) throw new Error(`no verification mail reached ${email}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const answer = await client.action<ActionState<undefined>>(`/verify-email?token=${token}`, actionId, [
    undefined,
    { token },
  ]);
  if (answer.kind !== "result" || !answer.value.ok)
    throw new Error(`confirming ${email} failed: ${JSON.stringify(answer)}`);
}

/**
 * One order: the draft created on /orders/new, then on its edit page the save and the submit the
 * wizard sends on "Place order". Throws only when no order number came back.
 */
export async function placeOrder(
  client: PortalClient,
  ids: ActionIds,
  customer: string,
  input: OrderInputValue,
  test: boolean,
  latencies: number[],
): Promise<Submission> {
  const created = await client.action<
    ActionState<{ orderId: string; externalOrderNumber: string; version: number }>
  >("/orders/new", ids.saveDraft, [undefined, { input, step: "review", test }]);
  if (created.kind !== "result" || !created.value.ok || !created.value.data) {
    throw new Error(`creating the draft failed: ${JSON.stringify(created)}`);
  }
  const { orderId, externalOrderNumber, version } = created.value.data;
  const submission: Submission = { customer, orderId, externalOrderNumber, outcome: "not-submitted" };
  const page = `/orders/${orderId}/edit`;
  try {
    // As the wizard does on "Place order": save the review step, then submit.
    const saved = await client.action<ActionState<{ version: number }>>(page, ids.saveDraft, [
      undefined,
      { orderId, version, input, step: "review", test },
    ]);
    if (saved.kind !== "result" || !saved.value.ok) {
      return { ...submission, outcome: "refused", message: `saving the draft: ${JSON.stringify(saved)}` };
    }
    const started = performance.now();
    const sent = await client.action<ActionState<{ orderId: string }>>(page, ids.submitOrder, [
      undefined,
      { orderId, version: saved.value.data?.version, input, test },
    ]);
    latencies.push(performance.now() - started);
    if (sent.kind !== "result")
      return { ...submission, outcome: "error", message: `redirect ${sent.location}` };
    return sent.value.ok
      ? { ...submission, outcome: "accepted" }
      : { ...submission, outcome: "refused", message: sent.value.message };
  } catch (error) {
    return {
      ...submission,
      outcome: "error",
      message: error instanceof Error ? error.message : String(error),
    };
  }
}
