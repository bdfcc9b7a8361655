import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { faultConfigSchema } from "./faults";
import type { SandboxState } from "./state";

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
  };
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
): Promise<void> {
  const route = `${req.method} ${url.pathname}`;
  try {
    switch (route) {
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
        state.faults = parsed.data;
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
