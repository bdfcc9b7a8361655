import "server-only";
import type { Dispatcher } from "undici";
import type { Logger } from "pino";
import { env } from "@/lib/env";
import { logger as defaultLogger } from "@/lib/log";
import { afterOrderingCalls, type AfterOrderingCalls } from "./after-ordering-client";
import { recordSectigoCall } from "./call-record";
import { AUTO_APPLY_ORDER_KEY, AUTO_APPLY_ORDER_PATH } from "./endpoint";
import { classifySectigoError, type ClassifiedError } from "./errors";
import type { ResellerSettings } from "./registry";
import { resellerSettings } from "./reseller";
import { parseResponse } from "./response";
import type { OrderInput } from "./schema";
import { createAgent, postForm as post } from "./transport";
import { buildRequestParams, redactParams, REDACTED } from "./wire";

export { AUTO_APPLY_ORDER_PATH } from "./endpoint";

/** What callers store about an attempt: the exact parameters sent, password replaced. */
export interface RedactedRequest {
  url: string;
  method: "POST";
  params: Record<string, string>;
}

interface Attempt {
  request: RedactedRequest;
  durationMs: number;
}

export type PlaceOrderResult =
  | (Attempt & {
      kind: "success";
      status: 0 | 1;
      orderNumber: string;
      totalCost: string;
      certificateId?: string;
      certificateState?: string;
      uniqueValue?: string;
      rawBody: string;
      httpStatus: number;
    })
  | (Attempt & {
      kind: "ca-error";
      code: number;
      message: string;
      error: ClassifiedError;
      rawBody: string;
      httpStatus: number;
    })
  | (Attempt & {
      kind: "transport";
      reason: "timeout" | "network" | "http-status" | "unparseable" | "aborted";
      /** False only when the connection was never established; otherwise the order may exist. */
      mayHaveReachedCa: boolean;
      httpStatus?: number;
      rawBody?: string;
      message: string;
    });

export interface PlaceOrderOptions {
  foreignOrderNumber: string;
  checkFONIsUnique: boolean;
  test: boolean;
  /** The reseller account's settings; the client's own (from configuration) when omitted. */
  reseller?: ResellerSettings;
  /** The server-software code an admin set on the order; -1 when unset. */
  serverSoftware?: number | null;
  signal?: AbortSignal;
}

export interface SectigoClientOptions {
  /** e.g. https://secure.trust-provider.com (no trailing path). */
  baseUrl: string;
  loginName: string;
  loginPassword: string;
  /** Whole-request deadline: connect, headers and body. */
  timeoutMs: number;
  /** Defaults to the smaller of 10 s and timeoutMs. */
  connectTimeoutMs?: number;
  /** Shared connection pool; a keep-alive Agent of the client's own otherwise. */
  dispatcher?: Dispatcher;
  logger?: Logger;
  /** Codes Sectigo uses for a reused foreignOrderNumber, once confirmed. */
  duplicateFonCodes?: readonly number[];
  /** The account's settings sent with every order (rows with `source: "reseller"`). */
  reseller?: ResellerSettings;
}

/** The account's client: ordering, and every call after ordering (after-ordering-client.ts). */
export interface SectigoClient extends AfterOrderingCalls {
  readonly endpoint: string;
  /** The account's login name, sent (and stored) with every request; the password is never exposed. */
  readonly loginName: string;
  /** Places one order (input already parsed by orderInputSchema). Never throws, never retries. */
  placeOrder(input: OrderInput, opts: PlaceOrderOptions): Promise<PlaceOrderResult>;
  /**
   * Sends the given parameters as they are, with this account's credentials put in place.
   * For replays, diagnostics and tests of the CA's own checks.
   */
  send(params: URLSearchParams, opts?: { signal?: AbortSignal }): Promise<PlaceOrderResult>;
  close(): Promise<void>;
}

export function createSectigoClient(options: SectigoClientOptions): SectigoClient {
  const { loginName, loginPassword, timeoutMs } = options;
  const endpoint = `${options.baseUrl.replace(/\/+$/, "")}${AUTO_APPLY_ORDER_PATH}`;
  const ownAgent = options.dispatcher
    ? undefined
    : createAgent(options.connectTimeoutMs ?? Math.min(10_000, timeoutMs));
  const dispatcher = options.dispatcher ?? ownAgent!;
  const log = options.logger ?? defaultLogger;

  // Second net behind redactParams: no text we hand out may contain the password.
  const scrub = (text: string) =>
    loginPassword.length >= 4 ? text.split(loginPassword).join(REDACTED) : text;

  async function send(
    params: URLSearchParams,
    opts: { signal?: AbortSignal } = {},
  ): Promise<PlaceOrderResult> {
    const form = new URLSearchParams(params);
    form.set("loginName", loginName);
    form.set("loginPassword", loginPassword);
    const request: RedactedRequest = { url: endpoint, method: "POST", params: redactParams(form) };
    log.debug({ event: "sectigo.request", url: endpoint, params: request.params }, "AutoApplyOrder request");

    const started = performance.now();
    const answer = await post(endpoint, form, { dispatcher, timeoutMs, signal: opts.signal });
    const durationMs = Math.round(performance.now() - started);
    const result = interpret(answer, request, durationMs, form);
    recordSectigoCall({
      at: new Date(Date.now() - durationMs),
      endpoint: AUTO_APPLY_ORDER_KEY,
      outcome:
        result.kind === "success"
          ? "ok"
          : result.kind === "ca-error"
            ? "ca-error"
            : result.reason === "unparseable"
              ? "malformed"
              : result.reason,
      caCode: result.kind === "ca-error" ? result.code : undefined,
      httpStatus: "httpStatus" in result ? result.httpStatus : undefined,
      durationMs,
    });
    log.debug(
      {
        event: "sectigo.response",
        kind: result.kind,
        code: result.kind === "ca-error" ? result.code : undefined,
        reason: result.kind === "transport" ? result.reason : undefined,
        httpStatus: "httpStatus" in result ? result.httpStatus : undefined,
        durationMs,
        rawBody: "rawBody" in result ? result.rawBody : undefined,
      },
      "AutoApplyOrder answer",
    );
    return result;
  }

  function interpret(
    answer: Awaited<ReturnType<typeof post>>,
    request: RedactedRequest,
    durationMs: number,
    form: URLSearchParams,
  ): PlaceOrderResult {
    const base = { request, durationMs };
    if (!answer.ok) {
      const { ok: _ok, ...failure } = answer;
      return { ...base, kind: "transport", ...failure, message: scrub(failure.message) };
    }

    const rawBody = scrub(answer.body);
    const httpStatus = answer.httpStatus;
    if (httpStatus < 200 || httpStatus > 299) {
      const message = `The CA answered HTTP ${httpStatus}`;
      return {
        ...base,
        kind: "transport",
        reason: "http-status",
        mayHaveReachedCa: true,
        httpStatus,
        rawBody,
        message,
      };
    }
    const parsed = parseResponse(rawBody, {
      showCertificateID: form.get("showCertificateID") === "Y",
      showCertificateState: form.get("showCertificateState") === "Y",
    });
    switch (parsed.kind) {
      case "success": {
        const { kind: _kind, format: _format, ...fields } = parsed;
        return { ...base, kind: "success", ...fields, rawBody, httpStatus };
      }
      case "error": {
        const error = classifySectigoError(parsed.code, parsed.message, {
          sentParams: request.params,
          duplicateFonCodes: options.duplicateFonCodes,
        });
        return {
          ...base,
          kind: "ca-error",
          code: parsed.code,
          message: parsed.message,
          error,
          rawBody,
          httpStatus,
        };
      }
      case "unparseable":
        return {
          ...base,
          kind: "transport",
          reason: "unparseable",
          mayHaveReachedCa: true,
          httpStatus,
          rawBody,
          message: `Unreadable answer (${parsed.reason}): ${parsed.detail}`,
        };
    }
  }

  return {
    ...afterOrderingCalls({
      baseUrl: options.baseUrl,
      loginName,
      loginPassword,
      timeoutMs,
      dispatcher,
      log,
      scrub,
    }),
    endpoint,
    loginName,
    send,
    placeOrder(input, opts) {
      const params = buildRequestParams(input, {
        loginName,
        loginPassword,
        foreignOrderNumber: opts.foreignOrderNumber,
        checkFONIsUnique: opts.checkFONIsUnique,
        test: opts.test,
        reseller: opts.reseller ?? options.reseller,
        serverSoftware: opts.serverSoftware,
      });
      return send(params, { signal: opts.signal });
    },
    async close() {
      await ownAgent?.close();
    },
  };
}

let fromEnv: SectigoClient | undefined;

/** The account's client, configured from SECTIGO_* variables (one connection pool per process). */
export function sectigoClientFromEnv(): SectigoClient {
  if (fromEnv) return fromEnv;
  const config = env();
  if (!config.SECTIGO_API_URL || !config.SECTIGO_LOGIN_NAME || !config.SECTIGO_LOGIN_PASSWORD) {
    throw new Error("SECTIGO_API_URL, SECTIGO_LOGIN_NAME and SECTIGO_LOGIN_PASSWORD must all be set");
  }
  fromEnv = createSectigoClient({
    baseUrl: config.SECTIGO_API_URL,
    loginName: config.SECTIGO_LOGIN_NAME,
    loginPassword: config.SECTIGO_LOGIN_PASSWORD,
    timeoutMs: config.SECTIGO_TIMEOUT_MS,
    duplicateFonCodes:
      config.SECTIGO_DUPLICATE_FON_CODE === undefined ? [] : [config.SECTIGO_DUPLICATE_FON_CODE],
    reseller: resellerSettings(config),
  });
  return fromEnv;
}
