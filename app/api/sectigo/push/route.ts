import { RateLimiterMemory } from "rate-limiter-flexible";
import { db } from "@/lib/db";
import { wakeStatusChecks } from "@/lib/jobs/runner";
import { receivePush } from "@/lib/orders/commands/receive-push";

// Sectigo's push notifications (GET with query parameters, or a form POST with the same names).
// Public by necessity; a push only makes the order due a status check (see receivePush).

export const dynamic = "force-dynamic";

const MAX_BODY = 64 * 1024;
// Per source address; Sectigo sends a few per order, a flood gets 429 without touching the database.
const limiter = new RateLimiterMemory({ points: 120, duration: 60 });

function sourceOf(request: Request): string {
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "direct";
}

async function handle(request: Request, params: URLSearchParams): Promise<Response> {
  try {
    await limiter.consume(sourceOf(request));
  } catch {
    return new Response("Too many requests\n", { status: 429, headers: { "retry-after": "60" } });
  }
  const answer = await receivePush(await db(), params);
  if (answer.status === 200) wakeStatusChecks();
  return new Response(answer.body, {
    status: answer.status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

export async function GET(request: Request) {
  return handle(request, new URL(request.url).searchParams);
}

export async function POST(request: Request) {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_BODY) return new Response("Body too large\n", { status: 413 });
  const text = await request.text();
  if (text.length > MAX_BODY) return new Response("Body too large\n", { status: 413 });
  const params = new URLSearchParams(new URL(request.url).searchParams);
  for (const [key, value] of new URLSearchParams(text)) params.set(key, value);
  return handle(request, params);
}
