import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { fieldErrorsOf } from "@/lib/field-errors";
import { logger } from "@/lib/log";
import { currentRequestId, runWithApiKey, runWithRequestId } from "@/lib/observability/request-context.mjs";
import { isRefusal } from "@/lib/refusal";
import { findUnstorableText, UNSTORABLE_MESSAGE } from "@/lib/text";
import { authenticateApiKey, type ApiCaller } from "@/lib/api-keys/authenticate";
import {
  beginIdempotent,
  fingerprintOf,
  finishIdempotent,
  forgetIdempotent,
  idempotencyKeyOf,
} from "@/lib/api/idempotency";
import { problemOf, problemResponse, REFUSAL_PROBLEMS, type Problem } from "@/lib/api/problem";
import { consumeApiCall } from "@/lib/api/rate-limit";

// The one shape of every /api/v1 route: authenticate the key (401) → count the call (429) →
// read and check the body (413, 415, 400) → Idempotency-Key (writes) → schema (422) → the same
// domain command or query the server actions call → problem+json for every refusal → one audit
// event naming the key. Route files only say which schema and which command.

/** The largest JSON body a write accepts (an order with its CSR is a few KB). */
export const API_MAX_BODY_BYTES = 256 * 1024;

export interface ApiContext<B> {
  caller: ApiCaller;
  body: B;
  params: Record<string, string>;
  url: URL;
}

/** A JSON answer, or a ready Response (a certificate file). */
export type ApiAnswer = { status: number; body: unknown; headers?: Record<string, string> } | Response;

interface RouteOptions<S extends z.ZodType | undefined> {
  /** Names the operation in the audit log and the OpenAPI document (operationId). */
  operation: string;
  /** A write: takes a JSON body parsed by `body`, and accepts an Idempotency-Key. */
  body?: S;
}

type Params = { params: Promise<Record<string, string | string[]> | undefined> } | undefined;

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const JSON_TYPE = /^application\/(?:[a-z0-9.+-]*\+)?json\s*(?:;|$)/i;

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store", ...headers },
  });

async function readBody(request: Request): Promise<{ text: string } | { problem: Problem }> {
  if (!JSON_TYPE.test(request.headers.get("content-type") ?? ""))
    return { problem: problemOf("unsupported_media_type", "Send the body as application/json.") };
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > API_MAX_BODY_BYTES) return { problem: tooLarge() };
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength > API_MAX_BODY_BYTES) return { problem: tooLarge() };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { problem: problemOf("bad_request", "The body is not UTF-8.") };
  }
}

const tooLarge = () => problemOf("too_large", `The body may have at most ${API_MAX_BODY_BYTES / 1024} KB.`);

/** Builds a route handler for one method of one /api/v1 path. */
export function apiRoute<S extends z.ZodType | undefined = undefined>(
  options: RouteOptions<S>,
  handler: (context: ApiContext<S extends z.ZodType ? z.output<S> : undefined>) => Promise<ApiAnswer>,
) {
  return async (request: Request, context: Params): Promise<Response> => {
    const requestId = currentRequestId() ?? randomUUID();
    return runWithRequestId(requestId, async () => {
      let caller: ApiCaller | null;
      try {
        caller = await authenticateApiKey(request.headers.get("authorization"));
      } catch (error) {
        logger.error({ err: error instanceof Error ? error.message : String(error) }, "api key check failed");
        return problemResponse(problemOf("unavailable", "The portal cannot check keys right now."), {
          "retry-after": "5",
        });
      }
      if (!caller)
        return problemResponse(
          problemOf("unauthorized", "Send a valid key as `Authorization: Bearer <key>`."),
          { "www-authenticate": 'Bearer realm="api"' },
        );
      const known = caller;
      try {
        return await runWithApiKey(known.keyId, () => serve(request, context, known, options, handler));
      } catch (error) {
        // Outside the command (which answers its own failures) only the database works: the
        // rate count, the Idempotency-Key row. Its failure is temporary; the client retries.
        logger.error({ err: error instanceof Error ? error.message : String(error) }, "api call not served");
        return problemResponse(
          problemOf("unavailable", "The portal's database is not reachable; retry shortly."),
          {
            "retry-after": "5",
          },
        );
      }
    });
  };
}

async function serve<S extends z.ZodType | undefined>(
  request: Request,
  context: Params,
  caller: ApiCaller,
  options: RouteOptions<S>,
  handler: (context: ApiContext<S extends z.ZodType ? z.output<S> : undefined>) => Promise<ApiAnswer>,
): Promise<Response> {
  const url = new URL(request.url);
  const rate = await consumeApiCall(caller.keyId);
  const finish = async (response: Response) => {
    for (const [name, value] of Object.entries(rate.headers)) response.headers.set(name, value);
    await audit(caller, request.method, url.pathname, options.operation, response.status);
    return response;
  };
  if (!rate.allowed)
    return finish(
      problemResponse(problemOf("rate_limited", "This key made too many calls; wait and retry.")),
    );

  // Next gives a route without dynamic segments no params at all.
  const raw = (await context?.params) ?? {};
  const params = Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : v]),
  );
  // Ids are the portal's (cuid): anything else names nothing, and never reaches a query.
  if (Object.values(params).some((v) => !ID_PATTERN.test(v)))
    return finish(problemResponse(problemOf("not_found", "No such order.")));
  for (const [name, value] of url.searchParams) {
    if (findUnstorableText(value) !== null || findUnstorableText(name) !== null)
      return finish(
        problemResponse(problemOf("invalid", `${UNSTORABLE_MESSAGE}.`, { [name]: [UNSTORABLE_MESSAGE] })),
      );
  }
  let text = "";
  let idempotencyKey: string | null = null;
  if (options.body) {
    const read = await readBody(request);
    if ("problem" in read) return finish(problemResponse(read.problem));
    text = read.text;
    const key = idempotencyKeyOf(request.headers.get("idempotency-key"));
    if (key === "invalid")
      return finish(
        problemResponse(problemOf("bad_request", "Idempotency-Key must be 1–255 visible ASCII characters.")),
      );
    if (key) {
      const start = await beginIdempotent(
        caller.keyId,
        key,
        fingerprintOf(request.method, url.pathname, text),
      );
      if (start.kind === "mismatch")
        return finish(
          problemResponse(
            problemOf(
              "idempotency_key_reused",
              "This Idempotency-Key was sent with another request; use a new key.",
            ),
          ),
        );
      if (start.kind === "in_flight")
        return finish(
          problemResponse(
            problemOf("in_flight", "The first request with this key is still running; retry shortly."),
            {
              "retry-after": "1",
            },
          ),
        );
      if (start.kind === "replay") {
        const { status, body } = start.answer;
        const headers = { "idempotent-replayed": "true" };
        return finish(
          status >= 400 ? problemResponse(body as Problem, headers) : json(status, body, headers),
        );
      }
      idempotencyKey = key;
    }
  }

  const answer = await answerOf(text, options, { caller, params, url }, handler);
  if (idempotencyKey) {
    if (answer.status >= 500 || answer.response) await forgetIdempotent(caller.keyId, idempotencyKey);
    else await finishIdempotent(caller.keyId, idempotencyKey, { status: answer.status, body: answer.body });
  }
  if (answer.response) return finish(answer.response);
  return finish(
    answer.status >= 400
      ? problemResponse(answer.body as Problem)
      : json(answer.status, answer.body, answer.headers),
  );
}

type Outcome = { status: number; body: unknown; headers?: Record<string, string>; response?: Response };

async function answerOf<S extends z.ZodType | undefined>(
  text: string,
  options: RouteOptions<S>,
  partial: Omit<ApiContext<unknown>, "body">,
  handler: (context: ApiContext<S extends z.ZodType ? z.output<S> : undefined>) => Promise<ApiAnswer>,
): Promise<Outcome> {
  const refuse = (problem: Problem): Outcome => ({ status: problem.status, body: problem });
  let body: unknown = undefined;
  if (options.body) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return refuse(problemOf("bad_request", "The body is not valid JSON."));
    }
    const at = findUnstorableText(value);
    if (at !== null)
      return refuse(problemOf("invalid", `${UNSTORABLE_MESSAGE}.`, { [at]: [UNSTORABLE_MESSAGE] }));
    const parsed = await options.body.safeParseAsync(value);
    if (!parsed.success)
      return refuse(problemOf("invalid", "Some fields need attention.", fieldErrorsOf(parsed.error)));
    body = parsed.data;
  }
  try {
    const answer = await handler({ ...partial, body } as ApiContext<
      S extends z.ZodType ? z.output<S> : undefined
    >);
    if (answer instanceof Response) return { status: answer.status, body: null, response: answer };
    return answer;
  } catch (error) {
    if (isRefusal(error))
      return refuse(problemOf(REFUSAL_PROBLEMS[error.code], error.message, error.fieldErrors));
    logger.error(
      {
        err: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        operation: options.operation,
      },
      "api call failed unexpectedly",
    );
    return refuse(problemOf("internal", "The request failed unexpectedly; it may be retried."));
  }
}

/** Every call leaves one audit event with the key's id (recordAudit reads it from the context). */
async function audit(caller: ApiCaller, method: string, path: string, operation: string, status: number) {
  try {
    const prisma = await db();
    await recordAudit(prisma, {
      actorId: caller.user.id,
      action: "api.called",
      details: { method, path: path.slice(0, 300), operation, status },
    });
  } catch (error) {
    logger.error({ err: error instanceof Error ? error.message : String(error) }, "api call not audited");
  }
}
