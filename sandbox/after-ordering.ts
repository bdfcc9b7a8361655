import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import { ENDPOINT_KEYS, ENDPOINTS, type EndpointKey } from "@/lib/sectigo/after-ordering";
import { byCode } from "./answers";
import { checkLogin, errorAnswer, type Answer } from "./answer-kit";
import { dcvEmailList, domainDetails, resendDcvEmail, updateDcv } from "./answer-dcv";
import { revoke } from "./answer-revoke";
import { collect, detailedStatus, postPaymentStatus } from "./answer-status";
import type { Engine } from "./engine";
import { errorPage, garble, type Rendered } from "./render";
import type { SandboxState } from "./state";

// Routes the after-ordering endpoints, with per-endpoint faults, in Sectigo's formats.

const BY_PATH = new Map<string, EndpointKey>(ENDPOINT_KEYS.map((k) => [ENDPOINTS[k].path, k]));

export function afterOrderingEndpoint(pathname: string): EndpointKey | undefined {
  return BY_PATH.get(pathname);
}

function answer(
  endpoint: EndpointKey,
  params: URLSearchParams,
  state: SandboxState,
  engine: Engine,
): Promise<Answer> | Answer {
  switch (endpoint) {
    case "detailedStatus":
      return detailedStatus(params, state, engine);
    case "postPaymentStatus":
      return postPaymentStatus(params, state, engine);
    case "collectEidas":
    case "collectSsl":
      return collect(endpoint, params, state, engine);
    case "updateDcv":
      return updateDcv(params, state);
    case "resendDcvEmail":
      return resendDcvEmail(params, state);
    case "dcvEmailList":
      return dcvEmailList(params, state);
    case "domainDetails":
      return domainDetails(params, state, engine);
    case "revoke":
      return revoke(params, state, engine);
  }
}

export async function handleAfterOrdering(
  endpoint: EndpointKey,
  req: IncomingMessage,
  res: ServerResponse,
  body: string | null,
  state: SandboxState,
  engine: Engine,
  signal: AbortSignal,
  send: (res: ServerResponse, status: number, rendered: Rendered) => void,
): Promise<void> {
  const target = endpoint === "collectEidas" || endpoint === "collectSsl" ? "collect" : endpoint;
  const specific = state.takeEndpointFault(endpoint);
  const fault =
    specific.mode !== "none" || specific.latencyMs > 0 ? specific : state.takeEndpointFault(target);
  if (fault.mode === "http500" || fault.mode === "http503") {
    state.count(endpoint);
    await delay(fault.latencyMs, undefined, { signal });
    const status = fault.mode === "http500" ? 500 : 503;
    return send(res, status, errorPage(status));
  }
  if (body === null) return send(res, 413, { contentType: "text/plain", body: "Request body too large\n" });
  const json = ENDPOINTS[endpoint].format === "json";
  let rendered: Rendered;
  if (req.method !== "POST") {
    state.count(endpoint);
    rendered = errorAnswer(byCode(-17), json ? "json" : "url-encoded");
  } else {
    const params = new URLSearchParams(body);
    const loginProblem = checkLogin(params, state);
    if (loginProblem) {
      state.count(endpoint);
      rendered = errorAnswer(loginProblem, json ? "json" : "url-encoded");
    } else {
      rendered = await answer(endpoint, params, state, engine);
    }
  }
  await delay(fault.latencyMs, undefined, { signal });
  if (fault.mode === "drop-after-place") return void req.socket.destroy();
  send(res, 200, fault.mode === "malformed" ? garble(rendered) : rendered);
}
