import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { Engine } from "./engine";
import { faultConfigSchema } from "./faults";
import { nextStep, stepTitle } from "./lifecycle";
import type { SandboxOrder, SandboxState } from "./state";

// Read-only views and run-time switches for tests and demos. Nothing here reveals credentials.

const configSchema = z.strictObject({
  balance: z.number().min(0).optional(),
  successCode: z.union([z.literal(0), z.literal(1)]).optional(),
});

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(value));
}

function snapshot(state: SandboxState) {
  return {
    requestCount: state.requestCount,
    connectionCount: state.connectionCount,
    orderCount: state.orders.length,
    balance: state.balance,
    successCode: state.successCode,
    faults: state.faults,
    endpointFaults: state.endpointFaults,
    calls: state.calls,
    pushes: state.pushes,
    stepDelayMs: state.settings.stepDelayMs,
  };
}

/** An order with its steps spelled out, for GET /sandbox/orders/<n> and the manual routes. */
function orderView(order: SandboxOrder) {
  const next = nextStep(order.lifecycle);
  return {
    ...order,
    state: order.lifecycle.outcome ?? "pending",
    nextStep: order.lifecycle.outcome ? null : next ? stepTitle(next) : "Issuance",
    steps: order.lifecycle.steps.map((step) => ({ ...step, title: stepTitle(step) })),
  };
}

const ORDER_ROUTE = /^\/sandbox\/orders\/(\d+)(?:\/(advance|reject))?$/;

async function handleOrderRoute(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  state: SandboxState,
  engine: Engine,
): Promise<boolean> {
  const match = ORDER_ROUTE.exec(url.pathname);
  if (!match) return false;
  const order = state.find(match[1]);
  if (!order) {
    json(res, 404, { error: `No order ${match[1]}` });
    return true;
  }
  const action = match[2];
  if (req.method === "GET" && !action) {
    await engine.progress(order);
    json(res, 200, orderView(order));
    return true;
  }
  if (req.method !== "POST" || !action) {
    json(res, 405, { error: "Use GET /sandbox/orders/<n> or POST …/advance | …/reject" });
    return true;
  }
  if (action === "reject") {
    const done = await engine.reject(order);
    json(
      res,
      done ? 200 : 409,
      done ? orderView(order) : { error: `The order is ${order.lifecycle.outcome}` },
    );
    return true;
  }
  const result = await engine.advance(order, {
    toIssued: url.searchParams.get("to") === "issued",
    force: ["1", "true", "yes"].includes(url.searchParams.get("force") ?? ""),
  });
  if (result.ok) json(res, 200, orderView(result.order));
  else
    json(res, result.status, {
      error: result.error,
      ...(result.order ? { order: orderView(result.order) } : {}),
    });
  return true;
}

async function readJson(body: string): Promise<unknown> {
  if (body.trim() === "") return {};
  return JSON.parse(body);
}

export async function handleAdmin(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  body: string,
  state: SandboxState,
  engine: Engine,
): Promise<void> {
  const route = `${req.method} ${url.pathname}`;
  try {
    if (await handleOrderRoute(req, res, url, state, engine)) return;
    if (req.method === "GET" && url.pathname.startsWith("/sandbox/upload/")) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(
        "<!DOCTYPE html><title>Sandbox document upload</title><h1>Sandbox document upload</h1><p>Nothing is uploaded here; advance the order instead.</p>\n",
      );
      return;
    }
    switch (route) {
      case "GET /sandbox/ca":
        return json(res, 200, {
          rootPem: state.ca?.root.toString("pem"),
          issuingPem: state.ca?.issuing.toString("pem"),
        });
      case "GET /sandbox/orders": {
        const fon = url.searchParams.get("foreignOrderNumber");
        return json(res, 200, fon === null ? state.orders : state.ordersFor(fon));
      }
      case "GET /sandbox/state":
        return json(res, 200, snapshot(state));
      case "GET /sandbox/faults":
        return json(res, 200, state.faults);
      case "POST /sandbox/faults": {
        const parsed = faultConfigSchema.safeParse(await readJson(body));
        if (!parsed.success) return json(res, 400, { error: z.prettifyError(parsed.error) });
        const { endpoint, ...fault } = parsed.data;
        if (endpoint && endpoint !== "autoApplyOrder") {
          state.endpointFaults[endpoint] = fault;
          return json(res, 200, { endpoint, ...fault });
        }
        state.faults = fault;
        return json(res, 200, state.faults);
      }
      case "POST /sandbox/config": {
        const parsed = configSchema.safeParse(await readJson(body));
        if (!parsed.success) return json(res, 400, { error: z.prettifyError(parsed.error) });
        if (parsed.data.balance !== undefined) state.balance = parsed.data.balance;
        if (parsed.data.successCode !== undefined) state.successCode = parsed.data.successCode;
        return json(res, 200, snapshot(state));
      }
      case "POST /sandbox/reset":
        state.reset();
        return json(res, 200, snapshot(state));
      default:
        return json(res, 404, { error: `No sandbox route ${route}` });
    }
  } catch (error) {
    return json(res, 400, { error: error instanceof Error ? error.message : "Bad request" });
  }
}
