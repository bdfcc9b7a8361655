import { expect, test, type Page, type Request } from "./fixtures";
import { makeCsr } from "../tests/support/csr";
import { alertBox, demo, DEMO_PASSWORD, signIn } from "./support";
import { SANDBOX, Wizard } from "./wizard";

// The wizard's server actions posted to by hand, as an attacker or a broken client would: every
// hostile body must get an answer below 500, and leave the draft as it was and the CA untouched.

interface CapturedAction {
  id: string;
  url: string;
  body: string;
}

function captured(request: Request): CapturedAction {
  return { id: request.headers()["next-action"]!, url: request.url(), body: request.postData() ?? "" };
}

const isAction = (request: Request) =>
  request.method() === "POST" && Boolean(request.headers()["next-action"]);
// Only the save posts a wizard step; the submission's arguments have none.
const isSave = (request: Request) => isAction(request) && (request.postData() ?? "").includes('"step"');

/** A draft filled up to the review step; returns the save and submit actions the wizard posted. */
async function draftAtReview(
  page: Page,
): Promise<{ orderId: string; save: CapturedAction; submit: CapturedAction }> {
  // The first save (product → validity) is the save action's request.
  const firstSave = page.waitForRequest(isSave);
  await new Wizard(page).walkToReview({
    product: "Citizen Qualified Certificate",
    validity: /2 years/,
    csr: await makeCsr({ algorithm: "P-256", subject: { commonName: "Hostile Example", countryName: "DE" } }),
    details: { "Personal identifier": "PNODE-1234567890" },
  });
  const save = captured(await firstSave);

  // Learn the submission's action id from the real request, and let it name an order that does
  // not exist, so the server refuses it and the draft stays a draft.
  const orderId = /\/orders\/([a-z0-9]+)\/edit/.exec(page.url())?.[1] ?? "";
  expect(orderId).not.toBe("");
  let submit: CapturedAction | undefined;
  await page.route("**/*", async (route) => {
    const request = route.request();
    if (!isAction(request) || isSave(request)) return route.continue();
    submit = captured(request);
    return route.continue({ postData: submit.body.replaceAll(orderId, "x".repeat(orderId.length)) });
  });
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(alertBox(page)).toContainText("does not exist");
  await page.unrouteAll({ behavior: "ignoreErrors" });
  return { orderId, save, submit: submit! };
}

/** What the customer sees of their orders and of this draft. */
async function visibleState(page: Page, orderId: string) {
  await page.goto("/orders");
  const rows = await page.locator("table tbody tr").allInnerTexts();
  await page.goto(`/orders/${orderId}/edit?step=review`);
  await expect(page.locator("form h2")).toHaveText("Review and submit");
  // The review's details come with the wizard's later chunk; until then it shows a loading line.
  await expect(page.getByRole("button", { name: "Place order" })).toBeEnabled();
  return { rows, review: await page.locator("form", { has: page.locator("h2") }).innerText() };
}

async function sandboxOrderCount(): Promise<number> {
  const response = await fetch(`${SANDBOX}/sandbox/orders`);
  return ((await response.json()) as unknown[]).length;
}

/** An action post as the browser sends it, from the portal's own origin. */
function post(page: Page, action: CapturedAction, data: string) {
  return page.request.post(action.url, {
    headers: {
      "next-action": action.id,
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin: new URL(action.url).origin,
    },
    data,
    maxRedirects: 0,
  });
}

test.describe.configure({ mode: "serial" });

let orderId = "";
let save: CapturedAction;
let submit: CapturedAction;
let before: Awaited<ReturnType<typeof visibleState>>;
let sentBefore = 0;

test.beforeEach(async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, demo.customer, DEMO_PASSWORD);
  if (!orderId) ({ orderId, save, submit } = await draftAtReview(page));
  before = await visibleState(page, orderId);
  sentBefore = await sandboxOrderCount();
});

test.afterEach(async ({ page }) => {
  expect(await sandboxOrderCount()).toBe(sentBefore);
  expect(await visibleState(page, orderId)).toEqual(before);
});

test("hostile arguments get a validation answer from both actions, never a 5xx", async ({ page }) => {
  const id = JSON.stringify(orderId);
  const draft = (input: string) => `["$undefined",{"orderId":${id},"input":${input},"step":"review"}]`;
  // Refused by the save (a draft's own checks) and by the submission alike.
  const refused: Record<string, string> = {
    "no arguments": "[]",
    "too many arguments": `["$undefined",{"orderId":${id}},1,2,3]`,
    "wrong argument types": `[42,"input",null,true]`,
    "wrong field types": `["$undefined",{"orderId":123,"input":[],"test":"yes","step":{}}]`,
    "NUL in the order id": `["$undefined",{"orderId":"${orderId}\\u0000","input":{},"step":"review"}]`,
    "NUL in a field": draft(`{"organizationName":"a\\u0000b"}`),
    "a lone surrogate in a field": draft(`{"organizationName":"\\ud800"}`),
    "an object in a field": draft(`{"organizationName":{"toString":"x"}}`),
    "a number beyond double range": draft(`{"days":1e400}`),
    "100 KB in a field": draft(`{"organizationName":"${"x".repeat(100_000)}"}`),
  };
  // A draft may hold these (drafts keep what was typed), but a submission must refuse them.
  const refusedOnSubmit: Record<string, string> = {
    "control characters": draft(`{"organizationName":"Acme\\u001b[31m\\u0007"}`),
    "an unknown product": draft(`{"product":999999999999}`),
    "prototype pollution": `["$undefined",{"orderId":${id},"__proto__":{"ok":true},"input":{"__proto__":{"product":781},"constructor":{"prototype":{"x":1}}}}]`,
  };
  const cases = [
    ...Object.entries(refused).flatMap(([name, body]) => [
      { name, action: save, body },
      { name, action: submit, body },
    ]),
    ...Object.entries(refusedOnSubmit).map(([name, body]) => ({ name, action: submit, body })),
  ];
  for (const { name, action, body } of cases) {
    const response = await post(page, action, body);
    const text = await response.text();
    const label = `${action === save ? "save" : "submit"}: ${name}`;
    expect(response.status(), `${label}\n${text.slice(0, 300)}`).toBe(200);
    expect(text, label).toContain('"ok":false');
  }
});

function tenMegabytes(orderId: string): string {
  const value = "x".repeat(10 * 1024 * 1024);
  return `["$undefined",{"orderId":${JSON.stringify(orderId)},"input":{"organizationName":"${value}"}}]`;
}

test("10 MB bodies with a declared length are refused with 413 before they are read", async ({ page }) => {
  for (const action of [save, submit]) {
    const response = await post(page, action, tenMegabytes(orderId));
    expect(response.status()).toBe(413);
  }
});

test("bodies Next.js could not decode are refused by the proxy with 400, streamed ones with 411", async ({
  page,
}) => {
  // Next.js decodes the argument list (JSON.parse, then React's decodeReply) before any of our
  // code and answers 500 when that throws; proxy.ts checks the body first (lib/security/policy.ts).
  const undecodable: Record<string, string> = {
    "an empty body": "",
    "not JSON": "this is not json",
    "truncated JSON": submit.body.slice(0, Math.floor(submit.body.length / 2)),
    "a raw NUL byte in a string": `["$undefined",{"orderId":"a\u0000b"}]`,
    "10,000 levels of nesting": `["$undefined",${"[".repeat(10_000)}1${"]".repeat(10_000)}]`,
    "React references walking to a constructor": `["$undefined",{"orderId":"$1:constructor:constructor"}]`,
    "a server reference to a missing chunk": `["$undefined","$h1"]`,
    "a React reference to a missing chunk": `["$undefined","$@7"]`,
    "an object instead of an argument list": `{"orderId":"x"}`,
  };
  for (const action of [save, submit]) {
    for (const [name, body] of Object.entries(undecodable)) {
      const response = await post(page, action, body);
      const text = await response.text();
      expect(response.status(), `${name}\n${text.slice(0, 300)}`).toBe(400);
      expect(text, name).toContain("This request could not be read");
      expect(text, name).not.toMatch(/\bat |SyntaxError|RangeError/);
    }
  }

  // 10 MB streamed without a Content-Length: Next.js would stop reading at 1 MB and answer 500;
  // the proxy asks for a declared length instead (browsers always send one).
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const bytes = new TextEncoder().encode(tenMegabytes(orderId));
  const chunk = 64 * 1024;
  const streamed = await fetch(submit.url, {
    method: "POST",
    headers: {
      "next-action": submit.id,
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin: new URL(submit.url).origin,
      cookie,
    },
    body: new ReadableStream({
      start(controller) {
        for (let at = 0; at < bytes.length; at += chunk) controller.enqueue(bytes.subarray(at, at + chunk));
        controller.close();
      },
    }),
    duplex: "half",
  } as RequestInit);
  expect(streamed.status).toBe(411);
});

test("addresses with a NUL or control character get 400, not a database error", async ({ page }) => {
  for (const path of [`/orders/%00`, `/orders/${orderId}%00/edit`, `/orders?q=a%00b`, `/orders?q=%0d%0a`]) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(400);
  }
});
