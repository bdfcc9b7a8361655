import "server-only";
import { Agent, request, type Dispatcher } from "undici";
import { observeSectigoCall } from "@/lib/observability/metrics.mjs";

// One POST, no retries: a retried order could be billed twice, so retrying is the order
// lifecycle's decision (with the same foreignOrderNumber and checkFONIsUnique=Y).

export type TransportFailure = {
  ok: false;
  reason: "timeout" | "network" | "aborted";
  /** False only when no connection was ever established, so the CA cannot have seen the order. */
  mayHaveReachedCa: boolean;
  message: string;
};

export type TransportAnswer = { ok: true; httpStatus: number; body: string; contentType?: string };

// Failures that happen before a connection exists: the request bytes were never sent.
const NOT_CONNECTED = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
]);

const TIMEOUTS = new Set(["UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);

const MAX_BODY_BYTES = 1024 * 1024;

export function createAgent(connectTimeoutMs: number): Agent {
  return new Agent({
    keepAliveTimeout: 4_000,
    keepAliveMaxTimeout: 30_000,
    connect: { timeout: connectTimeoutMs },
  });
}

function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") codes.push(code);
    const nested = (current as { errors?: unknown }).errors; // AggregateError from happy eyeballs
    if (Array.isArray(nested)) codes.push(...nested.flatMap(errorCodes));
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

async function readBody(body: Dispatcher.ResponseData["body"]): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += buffer.length;
    // An answer of !AutoApplyOrder is a few hundred bytes; anything huge is not one.
    if (size > MAX_BODY_BYTES) {
      body.destroy();
      break;
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** One form post to Sectigo, counted and timed for /metrics by endpoint and outcome. */
export async function postForm(
  url: string,
  form: URLSearchParams,
  opts: { dispatcher: Dispatcher; timeoutMs: number; signal?: AbortSignal },
): Promise<TransportAnswer | TransportFailure> {
  const started = performance.now();
  const answer = await send(url, form, opts);
  const outcome = answer.ok ? `${Math.floor(answer.httpStatus / 100)}xx` : answer.reason;
  observeSectigoCall(endpointLabel(url), outcome, (performance.now() - started) / 1000);
  return answer;
}

/** The endpoint's name in metrics: the last segment of its path (e.g. "!AutoApplyOrder"). */
export function endpointLabel(url: string): string {
  try {
    return new URL(url).pathname.split("/").filter(Boolean).at(-1) ?? "/";
  } catch {
    return "invalid-url";
  }
}

async function send(
  url: string,
  form: URLSearchParams,
  opts: { dispatcher: Dispatcher; timeoutMs: number; signal?: AbortSignal },
): Promise<TransportAnswer | TransportFailure> {
  const deadline = AbortSignal.timeout(opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, deadline]) : deadline;
  try {
    const response = await request(url, {
      method: "POST",
      dispatcher: opts.dispatcher,
      signal,
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        accept: "text/plain, application/x-www-form-urlencoded",
      },
      body: form.toString(),
      headersTimeout: opts.timeoutMs,
      bodyTimeout: opts.timeoutMs,
    });
    const body = await readBody(response.body);
    const contentType = response.headers["content-type"];
    return {
      ok: true,
      httpStatus: response.statusCode,
      body,
      ...(typeof contentType === "string" ? { contentType } : {}),
    };
  } catch (error) {
    const codes = errorCodes(error);
    const connected = !codes.some((code) => NOT_CONNECTED.has(code));
    if (opts.signal?.aborted) {
      return {
        ok: false,
        reason: "aborted",
        mayHaveReachedCa: connected,
        message: "The request was cancelled",
      };
    }
    if (
      deadline.aborted ||
      codes.some((code) => TIMEOUTS.has(code)) ||
      codes.includes("UND_ERR_CONNECT_TIMEOUT")
    ) {
      return {
        ok: false,
        reason: "timeout",
        mayHaveReachedCa: connected,
        message: `No complete answer within ${opts.timeoutMs} ms`,
      };
    }
    return { ok: false, reason: "network", mayHaveReachedCa: connected, message: describe(error) };
  }
}
