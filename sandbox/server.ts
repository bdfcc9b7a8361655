import { setMaxListeners } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as delay } from "node:timers/promises";
import { env } from "@/lib/env";
import { byCode } from "./answers";
import { handleAdmin } from "./admin";
import { afterOrderingEndpoint, handleAfterOrdering } from "./after-ordering";
import { loadOrCreateCa } from "./ca";
import { Engine } from "./engine";
import type { FaultConfig } from "./faults";
import { placeOrder } from "./place";
import { defaultPriceTable, type PriceTable } from "./prices";
import { errorPage, garble, render, type Rendered } from "./render";
import { SandboxState } from "./state";
import { DUPLICATE_FON_ENTRY } from "@/lib/sectigo/errors";
import { AUTO_APPLY_ORDER_PATH } from "@/lib/sectigo/endpoint";

export { SandboxState, type SandboxOrder } from "./state";
export type { FaultConfig } from "./faults";
export type { PriceTable } from "./prices";

/** Credentials the sandbox accepts unless others are given; they unlock nothing real. */
export const SANDBOX_LOGIN_NAME = "sandbox-partner";
export const SANDBOX_LOGIN_PASSWORD = "sandbox-password-not-secret";

export interface SandboxOptions {
  /** 0 picks a free port (tests). */
  port?: number;
  host?: string;
  loginName?: string;
  loginPassword?: string;
  balance?: number;
  /** Replaces the default price table; a product/days pair without a price answers -115. */
  prices?: PriceTable;
  faults?: FaultConfig;
  successCode?: 0 | 1;
  duplicateFonCode?: number;
  /** Keep orders and the CA in this directory (JSON, reloaded at start); memory only without. */
  dataDir?: string;
  /** Time between validation steps (demo); 0 = only POST /sandbox/orders/<n>/advance moves them. */
  stepDelayMs?: number;
  /** host:port that HTTP DCV files are fetched from, with the domain as Host header. */
  dcvHttpTarget?: string;
  /** The portal's push receiver (issuance, rejection, revocation). */
  pushUrl?: string;
  pushRetryDelayMs?: number;
}

/** A whole demo order (five to nine steps) takes about a minute at this pace. */
export const DEMO_STEP_DELAY_MS = 7_000;

export interface RunningSandbox {
  url: string;
  port: number;
  loginName: string;
  loginPassword: string;
  state: SandboxState;
  engine: Engine;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 256 * 1024;

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: ServerResponse, status: number, rendered: Rendered): void {
  if (res.destroyed) return;
  res.writeHead(status, { "content-type": rendered.contentType, "cache-control": "no-store" });
  res.end(rendered.body);
}

async function handleOrder(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  state: SandboxState,
  signal: AbortSignal,
) {
  state.requestCount += 1;
  state.count("autoApplyOrder");
  const fault = state.takeFault();
  const body = await readBody(req);

  if (fault.mode === "http500" || fault.mode === "http503") {
    await delay(fault.latencyMs, undefined, { signal });
    return send(res, fault.mode === "http500" ? 500 : 503, errorPage(fault.mode === "http500" ? 500 : 503));
  }
  if (body === null) return send(res, 413, { contentType: "text/plain", body: "Request body too large\n" });

  const outcome =
    req.method === "POST"
      ? await placeOrder(new URLSearchParams(body), state)
      : {
          kind: "error" as const,
          format: url.searchParams.get("responseFormat") === "1" ? (1 as const) : (0 as const),
          error: byCode(-17),
        };

  await delay(fault.latencyMs, undefined, { signal });
  // The dangerous case for retries: the order exists, but the client never hears about it.
  if (fault.mode === "drop-after-place") return void req.socket.destroy();
  const rendered = render(outcome);
  send(res, 200, fault.mode === "malformed" ? garble(rendered) : rendered);
}

/** Starts the sandbox CA on 127.0.0.1; resolves once it listens. */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const config = env();
  const state = new SandboxState({
    loginName: options.loginName ?? SANDBOX_LOGIN_NAME,
    loginPassword: options.loginPassword ?? SANDBOX_LOGIN_PASSWORD,
    balance: options.balance ?? config.SANDBOX_BALANCE,
    prices: options.prices ?? defaultPriceTable(),
    successCode: options.successCode ?? config.SANDBOX_SUCCESS_CODE,
    faults: options.faults ?? { mode: config.SANDBOX_FAULT, latencyMs: config.SANDBOX_LATENCY_MS },
    duplicateFonCode: options.duplicateFonCode ?? DUPLICATE_FON_ENTRY.sandboxCode ?? -9000,
    stepDelayMs: options.stepDelayMs ?? config.SANDBOX_STEP_DELAY_MS ?? 0,
    dcvHttpTarget: options.dcvHttpTarget ?? config.SANDBOX_DCV_HTTP_TARGET,
    pushUrl: options.pushUrl ?? config.SANDBOX_PUSH_URL,
    pushRetryDelayMs: options.pushRetryDelayMs,
    dataDir: options.dataDir,
  });
  const stored = state.load();
  state.ca = await loadOrCreateCa(stored?.ca);
  // The CA made at first start is on disk before any certificate is issued under it.
  state.flush();

  // Aborts pending latency timers on close, so a closed sandbox does not keep the process alive.
  const closing = new AbortController();
  // Every request waiting out its latency listens for the close; there may be hundreds at once.
  setMaxListeners(0, closing.signal);
  const engine = new Engine(state, closing.signal);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://sandbox.invalid");
    const endpoint = afterOrderingEndpoint(url.pathname);
    const work =
      url.pathname === AUTO_APPLY_ORDER_PATH
        ? handleOrder(req, res, url, state, closing.signal)
        : endpoint
          ? readBody(req).then((body) =>
              handleAfterOrdering(endpoint, req, res, body, state, engine, closing.signal, send),
            )
          : url.pathname.startsWith("/sandbox/")
            ? readBody(req).then((body) => handleAdmin(req, res, url, body ?? "", state, engine))
            : Promise.resolve(send(res, 404, { contentType: "text/plain", body: "Not found\n" }));
    work.catch(() => send(res, 500, errorPage(500)));
  });
  server.on("connection", () => {
    state.connectionCount += 1;
  });
  // Longer than the client's keep-alive, so the client always closes idle sockets first.
  server.keepAliveTimeout = 10_000;

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  state.publicUrl = `http://${host}:${port}`;

  // Demo pace: move due orders along (and push) even when nobody asks about them.
  const delayMs = state.settings.stepDelayMs;
  const timer =
    delayMs > 0
      ? setInterval(() => void engine.tick().catch(() => undefined), Math.min(delayMs, 1_000))
      : undefined;
  timer?.unref();

  const close = async () => {
    if (timer) clearInterval(timer);
    closing.abort();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    state.flush();
  };
  return {
    url: `http://${host}:${port}`,
    port,
    loginName: state.settings.loginName,
    loginPassword: state.settings.loginPassword,
    state,
    engine,
    close,
  };
}
