// The id of the request (or job) being worked on, for every log line it causes: one
// AsyncLocalStorage per process, on globalThis because the front (scripts/serve.mjs) and Next's
// bundled server code each load this module. Types in request-context.d.mts.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

const KEY = Symbol.for("eidas-portal.request-context");

function storage() {
  globalThis[KEY] ??= new AsyncLocalStorage();
  return globalThis[KEY];
}

// What a trusted proxy's id may look like (a UUID, or a load balancer's token): short and plain,
// since it is echoed into logs and a header.
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/** A new request id, or the one a trusted proxy in front already gave the request. */
export function requestIdFor(incoming, trustProxy) {
  const given = Array.isArray(incoming) ? incoming[0] : incoming;
  return trustProxy && typeof given === "string" && ACCEPTABLE_ID.test(given) ? given : randomUUID();
}

/** Runs `work` with `requestId` as the current id (for its whole asynchronous continuation). */
export function runWithRequestId(requestId, work) {
  return storage().run({ requestId }, work);
}

/**
 * Runs `work` as work on the order `orderId`, within the current request or job: the calls to
 * Sectigo it makes are recorded with the order (lib/observability/sectigo-call-log.ts).
 */
export function runForOrder(orderId, work) {
  return storage().run({ ...storage().getStore(), orderId }, work);
}

/** The order the caller is working on, if it said so (runForOrder). */
export function currentOrderId() {
  return storage().getStore()?.orderId;
}

/**
 * Runs `work` with the API key that authenticated the request as part of the current context,
 * so every audit event it writes names the key (lib/audit/record.ts).
 */
export function runWithApiKey(apiKeyId, work) {
  return storage().run({ ...storage().getStore(), apiKeyId }, work);
}

/** The API key of the request being worked on, if it came with one. */
export function currentApiKeyId() {
  return storage().getStore()?.apiKeyId;
}

/** The id of the request or job the caller is working for, if any. */
export function currentRequestId() {
  return storage().getStore()?.requestId;
}
