import { expect, request, test } from "./fixtures";
import { demo, DEMO_PASSWORD } from "./support";

// A sign-in destination outside Latin-1 cannot go into a Location header as it is. It must become
// a safe same-site redirect (percent-encoded, or the order list), never a 500 after the session
// cookie was already set.

const targets = ["/。x", "/ä", "/orders?q=ü", "/\u0100", "/😀/x", "/orders#ß"];

test("a non-Latin-1 callbackUrl in the sign-in form gives a same-site page, not a 500", async ({
  page,
  baseURL,
}) => {
  for (const target of targets) {
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(target)}`);
    await page.getByLabel("E-mail address").fill(demo.customer);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    const answered = page.waitForResponse(
      (r) => r.request().method() === "POST" && r.url().includes("/sign-in"),
    );
    await page.getByRole("button", { name: "Sign in" }).click();
    expect((await answered).status(), target).toBeLessThan(400);
    // Signed in and sent to the path asked for (percent-encoded); no such page exists, so the
    // portal's own "Page not found" shows, not an error.
    await expect(page).not.toHaveURL(/\/sign-in/);
    const url = new URL(page.url());
    expect(url.origin).toBe(baseURL);
    expect(decodeURI(`${url.pathname}${url.search}${url.hash}`), target).toBe(target);
    const session = (await (await page.request.get("/api/auth/session")).json()) as {
      user?: { email?: string };
    };
    expect(session.user?.email).toBe(demo.customer);
    await page.context().clearCookies();
  }
});

test("a non-Latin-1 callbackUrl posted to the Auth.js endpoint gives a same-site redirect", async ({
  baseURL,
}) => {
  const signInWith = async (callbackUrl: string) => {
    const api = await request.newContext({ baseURL });
    const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const answer = await api.post("/api/auth/callback/credentials", {
      form: { email: demo.customer, password: DEMO_PASSWORD, csrfToken, callbackUrl },
      maxRedirects: 0,
    });
    const status = answer.status();
    const location = answer.headers()["location"];
    await api.dispose();
    return { status, location: location ? new URL(location, baseURL) : undefined };
  };
  // Auth.js names the origin as it sees it; a plain path shows which one that is.
  const reference = await signInWith("/orders");
  expect(reference.status).toBe(302);
  for (const target of targets) {
    const { status, location } = await signInWith(target);
    expect(status, target).toBe(302);
    expect(location?.origin, target).toBe(reference.location!.origin);
    expect(decodeURI(`${location!.pathname}${location!.search}${location!.hash}`), target).toBe(target);
  }
});
