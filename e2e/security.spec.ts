import { expect, test, type Page } from "./fixtures";
import { demo, DEMO_PASSWORD, signIn } from "./support";
import { actionId, expectQuietLog, logMark, logSince } from "./hostile-requests";
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

test("after sign-in only the portal's own paths are followed (no open redirect)", async ({
  page,
  baseURL,
}) => {
  for (const target of [
    "https://attacker.example/orders",
    "//attacker.example/orders",
    "/\\attacker.example/orders",
  ]) {
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(target)}`);
    await page.getByLabel("E-mail address").fill(demo.customer);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${new URL(baseURL!).origin}/orders`);
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

// Requests no page of the portal sends, answered as they were before this work: with a 500 and
// a stack trace in the log each time, or (a no-JavaScript form post without Origin) run. Each
// must get a 4xx or a field error, change nothing, and leave one quiet line in the log.

test("impossible dates in list filters are field errors, and a 400 on the export, never a 500", async ({
  page,
}) => {
  await signIn(page, demo.admin, DEMO_PASSWORD);
  const mark = logMark();
  const days = ["2026-13-45", "2026-99-99", "0000-00-00", "2026-02-30", "0000-01-01", "9999-12-31"];
  for (const day of days) {
    for (const list of ["/admin/orders", "/admin/audit"]) {
      for (const key of ["from", "to"]) {
        const response = await page.request.get(`${list}?${key}=${day}`);
        expect(response.status(), `${list} ${key}=${day}`).toBe(200);
        expect(await response.text(), `${list} ${key}=${day}`).toMatch(
          /Enter a real calendar date|Enter a date up to/,
        );
      }
    }
    for (const key of ["from", "to"]) {
      const file = await page.request.get(`/admin/orders/export?${key}=${day}`);
      expect(file.status(), `export ${key}=${day}`).toBe(400);
      expect(await file.text()).toMatch(new RegExp(`${key}: Enter (a real calendar date|a date up to)`));
    }
  }
  // As the admin sees it: the field is marked, the error is announced, the other filter applies.
  for (const [list, label] of [
    ["/admin/orders", "Created from (UTC)"],
    ["/admin/audit", "From (UTC)"],
  ] as const) {
    await page.goto(`${list}?from=2026-13-45&to=2026-12-31`);
    await expect(page.getByText("Some filters were not applied:")).toBeVisible();
    await expect(page.getByText("Enter a real calendar date.").first()).toBeVisible();
    // A date input shows nothing for an impossible date; the page still sent what was typed.
    await expect(page.getByLabel(label)).toHaveAttribute("value", "2026-13-45");
    await expect(page.getByLabel(label)).toHaveAttribute("aria-invalid", "true");
  }
  // Cursors are part of the address too: one naming a timestamp the database refuses is the first page.
  const cursor = Buffer.from("0000-01-01T00:00:00.000Z|abc", "utf8").toString("base64url");
  const orderCursor = Buffer.from(JSON.stringify(["created", "2026-02-30T00:00:00.000Z", "abc"])).toString(
    "base64url",
  );
  for (const path of [
    `/admin/audit?after=${cursor}`,
    `/admin/users?before=${cursor}`,
    `/admin/orders?after=${orderCursor}`,
  ]) {
    expect((await page.goto(path))?.status(), path).toBe(200);
  }
  expectQuietLog(await logSince(mark), 0);
});

test("non-ASCII search terms come back as typed, in the form and in the links", async ({ page }) => {
  test.setTimeout(120_000);
  const terms = ["Müller", "Zoë Ærøskøbing ß", "Ωmega Ελλάδα", "日本語テスト", "Łódź 🙂"];
  const mixed = terms.join(" ").slice(0, 60);
  await signIn(page, demo.customer, DEMO_PASSWORD);
  for (const term of terms) {
    await page.goto(`/orders?q=${encodeURIComponent(term)}`);
    await expect(page.getByLabel("Order number")).toHaveValue(term);
  }
  // Typed into the form and sent, as the browser encodes it.
  await page.getByLabel("Order number").fill(mixed);
  await page.getByRole("button", { name: "Search" }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe(mixed);
  await expect(page.getByLabel("Order number")).toHaveValue(mixed);

  await page.context().clearCookies();
  await signIn(page, demo.admin, DEMO_PASSWORD);
  for (const term of [...terms, mixed]) {
    await page.goto(`/admin/orders?q=${encodeURIComponent(term)}`);
    await expect(page.getByLabel("Search", { exact: true })).toHaveValue(term);
    const href = await page.getByRole("link", { name: /Export CSV/ }).getAttribute("href");
    expect(new URL(href!, page.url()).searchParams.get("q")).toBe(term);
  }
  await page.goto(`/admin/users?q=${encodeURIComponent(mixed)}`);
  await expect(page.getByLabel("Search e-mail or name")).toHaveValue(mixed);
  await page.goto(`/admin/audit?actor=${encodeURIComponent(mixed)}`);
  await expect(page.getByLabel("Actor e-mail")).toHaveValue(mixed);
});

/** The hidden field a form posting to a server action carries without JavaScript. */
async function noScriptSignOutField(page: Page): Promise<string> {
  const html = await (await page.request.get("/orders")).text();
  const name = /name="(\$ACTION_ID_[0-9a-f]+)"/.exec(html)?.[1];
  expect(name, "the sign-out form's action field").toBeTruthy();
  return name!;
}

async function stillSignedIn(page: Page): Promise<boolean> {
  const response = await page.request.get("/orders", { maxRedirects: 0 });
  return response.status() === 200;
}

test("no-JavaScript form posts to an action: foreign, null or missing Origin get 403, a broken body 400", async ({
  page,
  baseURL,
}) => {
  await signIn(page, demo.customer, DEMO_PASSWORD);
  const field = await noScriptSignOutField(page);
  const own = new URL(baseURL!).origin;
  const mark = logMark();
  // The sign-out form: run, it would end this session, which is what each post is checked against.
  const cases: [string, Record<string, string>, number][] = [
    ["a foreign Origin", { origin: "https://attacker.example" }, 403],
    ["a null Origin", { origin: "null" }, 403],
    ["no Origin", {}, 403],
  ];
  for (const [name, headers, status] of cases) {
    const response = await page.request.post("/orders", {
      headers,
      multipart: { [field]: "" },
      maxRedirects: 0,
    });
    expect(response.status(), name).toBe(status);
    expect(await response.text(), name).toContain("only be sent from its own pages");
    expect(await stillSignedIn(page), name).toBe(true);
  }
  const urlEncoded = await page.request.post("/orders", {
    headers: { origin: "https://attacker.example" },
    form: { [field]: "" },
    maxRedirects: 0,
  });
  expect(urlEncoded.status()).toBe(403);
  for (const [name, body] of [
    ["a truncated multipart body", `--XYZ\r\nContent-Disposition: form-data; name="${field}"\r\n\r\nbroken`],
    ["no parts at all", "not multipart at all"],
  ]) {
    const response = await page.request.post("/orders", {
      headers: { origin: own, "content-type": "multipart/form-data; boundary=XYZ" },
      data: body,
      maxRedirects: 0,
    });
    expect(response.status(), name).toBe(400);
    expect(await response.text(), name).toContain("This request could not be read");
    expect(await stillSignedIn(page), name).toBe(true);
  }
  expectQuietLog(await logSince(mark), 6);

  // The same form from the portal's own page works: the refusals were about the request.
  const signedOut = await page.request.post("/orders", {
    headers: { origin: own },
    multipart: { [field]: "" },
    maxRedirects: 0,
  });
  expect(signedOut.status()).toBe(303);
  expect(await stillSignedIn(page)).toBe(false);
});

test("an action posted to a page that does not host it, or an unknown action id, gets 404", async ({
  page,
  baseURL,
}) => {
  await signIn(page, demo.customer, DEMO_PASSWORD);
  const own = new URL(baseURL!).origin;
  const changeRole = actionId("app/admin/users/actions.ts", "changeRoleAction");
  const saveDraft = actionId("app/(portal)/orders/actions.ts", "saveDraftAction");
  const mark = logMark();
  const fetchPost = (path: string, id: string) =>
    page.request.post(path, {
      headers: {
        "next-action": id,
        "content-type": "text/plain;charset=UTF-8",
        accept: "text/x-component",
        origin: own,
      },
      data: "[]",
      maxRedirects: 0,
    });
  const cases: [string, string, string][] = [
    ["an admin action posted to the customer's list", "/orders", changeRole],
    ["the wizard's action posted to the sign-in page", "/sign-in", saveDraft],
    ["an id no build made", "/orders", "7f" + "0".repeat(40)],
    ["an id of the wrong shape", "/orders", "not-an-action"],
  ];
  for (const [name, path, id] of cases) {
    const response = await fetchPost(path, id);
    expect(response.status(), name).toBe(404);
    expect(await response.text(), name).not.toMatch(/\bat |Error/);
  }
  // A no-JavaScript form naming an action this page does not host.
  const form = await page.request.post("/orders", {
    headers: { origin: own },
    multipart: { [`$ACTION_ID_${changeRole}`]: "", userId: "x" },
    maxRedirects: 0,
  });
  expect(form.status()).toBe(404);
  expectQuietLog(await logSince(mark), cases.length + 1);
  // The hosted action on its own page is still served.
  expect((await fetchPost("/orders/new", saveDraft)).status()).toBe(200);
});

test("the CSV export carries its own strict content security policy, its refusals too", async ({ page }) => {
  await signIn(page, demo.admin, DEMO_PASSWORD);
  for (const path of ["/admin/orders/export", "/admin/orders/export?from=2026-13-45"]) {
    const response = await page.request.get(path);
    expect(response.headers()["content-security-policy"], path).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    expect(response.headers()["x-content-type-options"], path).toBe("nosniff");
  }
});

test("public/ serves the favicon and a robots.txt that keeps the portal out of search engines", async ({
  request,
}) => {
  const robots = await request.get("/robots.txt");
  expect(robots.status()).toBe(200);
  expect(robots.headers()["content-type"]).toMatch(/^text\/plain/);
  expect((await robots.text()).split("\n")).toEqual(expect.arrayContaining(["User-agent: *", "Disallow: /"]));
  const icon = await request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
  // An ICO file: reserved 0, type 1 (icon), at least one image.
  const bytes = await icon.body();
  expect([...bytes.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
  expect(bytes.readUInt16LE(4)).toBeGreaterThan(0);
  expect(icon.headers()["x-content-type-options"]).toBe("nosniff");
});
