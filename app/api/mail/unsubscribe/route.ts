import { clientAddress } from "@/lib/auth/address";
import { consumeUnsubscribe } from "@/lib/auth/throttle";
import { unsubscribeByToken } from "@/lib/mail/preferences";

// RFC 8058 one-click unsubscribe: mail clients POST "List-Unsubscribe=One-Click" to the URL in a
// mail's List-Unsubscribe header, without cookies; the signed token in the URL is the guard and
// turns off only the one optional kind named. A GET (a person following the URL) gets the page.
// POSTs are counted per client address (UNSUBSCRIBES_PER_ADDRESS in lib/auth/throttle.ts), so
// nobody can keep the portal checking tokens and writing rows without end.
const text = (body: string, status: number, headers: Record<string, string> = {}) =>
  new Response(body, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers },
  });

export async function POST(request: Request) {
  const wait = await consumeUnsubscribe(clientAddress(request.headers));
  if (wait > 0) return text("Too many requests. Try again later.", 429, { "retry-after": String(wait) });
  const url = new URL(request.url);
  const done = await unsubscribeByToken(
    url.searchParams.get("token") ?? "",
    url.searchParams.get("kind") ?? "",
  );
  return done ? text("Unsubscribed.", 200) : text("This link is not valid any more.", 400);
}

export async function GET(request: Request) {
  const url = new URL(request.url);
  const target = new URL("/mail-preferences", url);
  target.searchParams.set("token", url.searchParams.get("token") ?? "");
  return Response.redirect(target, 303);
}
