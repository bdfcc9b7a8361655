import { expect, test, type APIRequestContext, type Browser } from "./fixtures";
import { demo, DEMO_PASSWORD, signIn, signUp, uniqueEmail } from "./support";
import { Wizard } from "./wizard";

// The authorization matrix over real HTTP: every page and route under /orders, /admin and
// /support, asked for as anonymous, as the owning customer, as another customer, as support and
// as admin. Redirects are not followed, so a redirect to /sign-in is seen as such.
type Who = "anonymous" | "owner" | "other" | "support" | "admin" | "admin-password-only";
type Expect = 200 | 401 | 403 | 404 | "sign-in" | "two-factor";

async function contextFor(browser: Browser, who: Who, owner: { email: string; password: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (who === "owner") await signIn(page, owner.email, owner.password);
  if (who === "other")
    await signUp(page, { email: uniqueEmail("other"), password: "another customer pw", verify: false });
  if (who === "support") await signIn(page, demo.support, DEMO_PASSWORD);
  if (who === "admin") await signIn(page, demo.admin, DEMO_PASSWORD);
  if (who === "admin-password-only") {
    // The password alone: the session exists but has not passed its second factor.
    await page.goto("/sign-in");
    await page.getByLabel("E-mail address").fill(demo.admin);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Two-factor sign-in" })).toBeVisible();
  }
  return context;
}

async function statusOf(request: APIRequestContext, path: string): Promise<Expect | number> {
  const response = await request.get(path, { maxRedirects: 0 });
  if ([302, 303, 307].includes(response.status()) && /\/sign-in/.test(response.headers().location ?? ""))
    return "sign-in";
  if ([302, 303, 307].includes(response.status()) && /\/two-factor$/.test(response.headers().location ?? ""))
    return "two-factor";
  return response.status();
}

test("every role gets exactly what it may see", async ({ browser, page }) => {
  test.setTimeout(180_000);
  const owner = { email: uniqueEmail("owner"), password: "owner password 123" };
  await signUp(page, { ...owner, verify: false });
  const wizard = new Wizard(page);
  await wizard.start();
  await wizard.chooseProduct("Seal Qualified certificate");
  await wizard.next("Validity and delivery");
  const draftId = /\/orders\/([a-z0-9]+)\/edit/.exec(page.url())?.[1];
  expect(draftId).toBeTruthy();

  const routes: [string, Record<Exclude<Who, "admin-password-only">, Expect>][] = [
    ["/orders", { anonymous: "sign-in", owner: 200, other: 200, support: 200, admin: 200 }],
    ["/orders/new", { anonymous: "sign-in", owner: 200, other: 200, support: 200, admin: 200 }],
    [`/orders/${draftId}`, { anonymous: "sign-in", owner: 200, other: 404, support: 200, admin: 200 }],
    [`/orders/${draftId}/edit`, { anonymous: "sign-in", owner: 200, other: 404, support: 200, admin: 200 }],
    ["/orders/does-not-exist", { anonymous: "sign-in", owner: 404, other: 404, support: 404, admin: 404 }],
    ["/support", { anonymous: "sign-in", owner: 403, other: 403, support: 200, admin: 200 }],
    ["/support/find?q=EQ-", { anonymous: "sign-in", owner: 403, other: 403, support: 200, admin: 200 }],
    [
      `/support/orders/${draftId}`,
      { anonymous: "sign-in", owner: 403, other: 403, support: 200, admin: 200 },
    ],
    ["/admin/orders", { anonymous: "sign-in", owner: 403, other: 403, support: 403, admin: 200 }],
    [`/admin/orders/${draftId}`, { anonymous: "sign-in", owner: 403, other: 403, support: 403, admin: 200 }],
    ["/admin/orders/export", { anonymous: "sign-in", owner: 403, other: 403, support: 403, admin: 200 }],
    ["/admin/users", { anonymous: "sign-in", owner: 403, other: 403, support: 403, admin: 200 }],
    ["/admin/users/new", { anonymous: "sign-in", owner: 403, other: 403, support: 403, admin: 200 }],
    ["/admin/audit", { anonymous: "sign-in", owner: 403, other: 403, support: 403, admin: 200 }],
    // The demo catcher's mail holds live account links for 30 days: admins only.
    ["/admin/mail", { anonymous: "sign-in", owner: 403, other: 403, support: 403, admin: 200 }],
    ["/admin/mail/no-such-mail", { anonymous: "sign-in", owner: 403, other: 403, support: 403, admin: 404 }],
  ];

  const failures: string[] = [];
  // Before its second factor, even an admin's session reaches nothing but /two-factor (the export,
  // a file rather than a page, answers 401 instead of redirecting).
  const halfSignedIn = (path: string): Expect => (path === "/admin/orders/export" ? 401 : "two-factor");
  for (const who of ["anonymous", "owner", "other", "support", "admin", "admin-password-only"] as Who[]) {
    const context = await contextFor(browser, who, owner);
    for (const [path, byWho] of routes) {
      const expected = who === "admin-password-only" ? halfSignedIn(path) : byWho[who];
      const actual = await statusOf(context.request, path);
      if (actual !== expected) failures.push(`${who} ${path}: expected ${expected}, got ${actual}`);
    }
    await context.close();
  }
  expect(failures).toEqual([]);
});
