import { expect, test, type Page } from "./fixtures";
import { demo, DEMO_PASSWORD, signIn } from "./support";
import { Wizard } from "./wizard";

// The protections the proxy and next.config.js add to every response, checked on the production
// build over HTTP. (That the pages satisfy the policy is checked in every test by ./fixtures.)

test("pages carry a nonce-based content security policy and the other security headers", async ({
  request,
}) => {
  const first = await request.get("/sign-in");
  const second = await request.get("/sign-in");
  expect(first.status()).toBe(200);
  const headers = first.headers();
  const policy = headers["content-security-policy"] ?? "";
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
  expect(nonce, policy).toBeTruthy();
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).toContain("form-action 'self'");
  expect(policy).not.toContain("unsafe-inline");
  expect(policy).not.toContain("unsafe-eval");
  // A fresh nonce per response, and it is the one on the page's scripts.
  expect(second.headers()["content-security-policy"]).not.toBe(policy);
  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
  expect(headers["x-powered-by"]).toBeUndefined();

  // Files and API answers get the headers too; API answers are never rendered as a page.
  const health = await request.get("/api/health");
  expect(health.headers()["x-content-type-options"]).toBe("nosniff");
  expect(health.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
});

test("the session cookie is HttpOnly and SameSite=Lax", async ({ page, context }) => {
  await signIn(page, demo.customer, DEMO_PASSWORD);
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name.endsWith("authjs.session-token"));
  expect(session, cookies.map((c) => c.name).join(", ")).toBeDefined();
  expect(session!.httpOnly).toBe(true);
  expect(session!.sameSite).toBe("Lax");
  expect(session!.path).toBe("/");
  // The page's scripts cannot read it.
  expect(await page.evaluate(() => document.cookie)).not.toContain("session-token");
});

test("after sign-in only the portal's own paths are followed (no open redirect)", async ({ page }) => {
  for (const target of [
    "https://attacker.example/orders",
    "//attacker.example/orders",
    "/\\attacker.example/orders",
  ]) {
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(target)}`);
    await page.getByLabel("E-mail address").fill(demo.customer);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/orders$/);
    await page.context().clearCookies();
  }
});

/** Opens the wizard, saves the first step and returns the id of the action the save posted. */
async function draftSaveAction(page: Page): Promise<{ actionId: string; body: string; url: string }> {
  const wizard = new Wizard(page);
  await wizard.start();
  await wizard.chooseProduct("Citizen Qualified Certificate");
  const posted = page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
  await page.getByRole("button", { name: "Save and continue" }).click();
  const request = await posted;
  await expect(wizard.heading()).not.toHaveText("Certificate");
  return { actionId: request.headers()["next-action"]!, body: request.postData() ?? "", url: request.url() };
}

test("server actions refuse posts from another origin or without one, and oversized bodies", async ({
  page,
}) => {
  await signIn(page, demo.customer, DEMO_PASSWORD);
  const { actionId, body, url } = await draftSaveAction(page);
  const headers = {
    "next-action": actionId,
    "content-type": "text/plain;charset=UTF-8",
    accept: "text/x-component",
  };
  const ownOrigin = new URL(url).origin;
  const ordersBefore = await myOrderRows(page);

  const foreign = await page.request.post(url, {
    headers: { ...headers, origin: "https://attacker.example" },
    data: body,
  });
  expect(foreign.status()).toBe(403);
  expect(await foreign.text()).toContain("only be sent from its own pages");

  const noOrigin = await page.request.post(url, { headers, data: body });
  // Playwright's request context sends no Origin unless told to.
  expect(noOrigin.status()).toBe(403);

  const oversized = await page.request.post(url, {
    headers: { ...headers, origin: ownOrigin },
    data: JSON.stringify([{ input: { note: "x".repeat(2 * 1024 * 1024) } }]),
  });
  expect(oversized.status()).toBe(413);
  const bigSignIn = await page.request.post("/api/auth/callback/credentials", {
    form: { email: demo.customer, password: "p".repeat(2 * 1024 * 1024) },
  });
  expect(bigSignIn.status()).toBe(413);
  // A body streamed without a declared length is refused before it is read.
  const streamed = await fetch(new URL("/api/auth/callback/credentials", ownOrigin), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("email=a%40example.com&password=x"));
        controller.close();
      },
    }),
    duplex: "half",
  } as RequestInit);
  expect(streamed.status).toBe(411);

  // None of them created or changed a draft.
  expect(await myOrderRows(page)).toEqual(ordersBefore);

  // The same post from the portal's own origin is accepted: the refusals were about the origin.
  const own = await page.request.post(url, { headers: { ...headers, origin: ownOrigin }, data: body });
  expect(own.status()).toBe(200);
});

async function myOrderRows(page: Page): Promise<string[]> {
  await page.goto("/orders");
  return page.locator("table tbody tr").allInnerTexts();
}
