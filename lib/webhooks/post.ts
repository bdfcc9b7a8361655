import http from "node:http";
import https from "node:https";
import { publicOnlyLookup, resolvePublic } from "@/lib/webhooks/address";

// One HTTP POST of a webhook. Node's http client with a lookup of our own, so that the address
// checked is the address connected to (lib/webhooks/address.ts). Redirects are not followed: a
// 3xx is a failed delivery, like any answer outside 2xx.

export interface PostResult {
  ok: boolean;
  httpStatus: number | null;
  /** Why it failed, in a few words (no response body, no headers). */
  error: string | null;
  durationMs: number;
}

export interface PostOptions {
  timeoutMs: number;
  allowPrivate: boolean;
}

export async function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: PostOptions,
): Promise<PostResult> {
  const started = performance.now();
  const done = (httpStatus: number | null, error: string | null): PostResult => ({
    ok: httpStatus !== null && httpStatus >= 200 && httpStatus < 300,
    httpStatus,
    error,
    durationMs: Math.round(performance.now() - started),
  });
  let target: URL;
  try {
    target = new URL(url);
    // An IP literal never reaches `lookup`: checked here instead.
    if (!options.allowPrivate && /^[\d.]+$|^\[/.test(target.hostname)) await resolvePublic(target.hostname);
  } catch (error) {
    return done(null, (error as Error).message);
  }
  const client = target.protocol === "https:" ? https : http;
  return new Promise<PostResult>((resolve) => {
    const request = client.request(
      target,
      {
        method: "POST",
        headers: {
          ...headers,
          "content-type": "application/json",
          "content-length": String(Buffer.byteLength(body)),
          "user-agent": "eIDAS-Portal-Webhooks/1",
        },
        timeout: options.timeoutMs,
        signal: AbortSignal.timeout(options.timeoutMs),
        ...(options.allowPrivate ? {} : { lookup: publicOnlyLookup as never }),
      },
      (response) => {
        // The answer's body is not read beyond draining it: only the status counts.
        response.resume();
        response.on("end", () => resolve(done(response.statusCode ?? null, null)));
        response.on("error", (error) => resolve(done(response.statusCode ?? null, error.message)));
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    request.on("error", (error: NodeJS.ErrnoException) =>
      resolve(
        done(null, error.name === "AbortError" ? `no answer within ${options.timeoutMs} ms` : error.message),
      ),
    );
    request.end(body);
  });
}
