import {
  DCV_STATUS_WIRE,
  ENDPOINTS,
  indexedKey,
  isDcvMethod,
  REQUEST_VALUES as V,
  type DcvMethod,
  type DomainDcvStatus,
} from "@/lib/sectigo/after-ordering";
import { getProduct } from "@/lib/sectigo/products";
import { isHostname } from "@/lib/sectigo/validators";
import { byCode } from "./answers";
import { errorAnswer, findOrder, isError, jsonAnswer, urlEncoded, type Answer } from "./answer-kit";
import type { Engine } from "./engine";
import type { SandboxOrder, SandboxState } from "./state";

// !AutoUpdateDCV, !ResendDCVEmail, !GetDCVEmailAddressList, !GetMDCDomainDetails.

const MAILBOXES = ["admin", "administrator", "hostmaster", "postmaster", "webmaster"];

/** The constructed approver addresses (BR 3.2.2.4.4) of a domain and of its parent. */
export function approverAddresses(domain: string): { level2: string[]; level3: string[] } {
  const labels = domain.toLowerCase().replace(/\.$/, "").split(".");
  const base = labels.slice(-2).join(".");
  const full = labels.join(".");
  return {
    level2: MAILBOXES.map((m) => `${m}@${base}`),
    level3: full === base ? [] : MAILBOXES.map((m) => `${m}@${full}`),
  };
}

function allowedFor(domain: string): Set<string> {
  const { level2, level3 } = approverAddresses(domain);
  return new Set([...level2, ...level3]);
}

function qwacOrder(
  params: URLSearchParams,
  state: SandboxState,
  endpoint: "updateDcv" | "resendDcvEmail" | "domainDetails",
) {
  const found = findOrder(params, state, { orderNumber: ENDPOINTS[endpoint].request.orderNumber.wire });
  state.count(endpoint, isError(found) ? undefined : found);
  if (isError(found)) return found;
  if (!getProduct(found.product)?.qwac) return byCode(-4, ENDPOINTS[endpoint].request.orderNumber.wire);
  return found;
}

function domainStatus(order: SandboxOrder, domain: string): DomainDcvStatus {
  const step = order.lifecycle.steps.find((s) => s.kind === "dcv" && s.domain === domain);
  if (step?.doneAt) return "validated";
  if (step?.failedAt || order.lifecycle.dcv[domain]?.lastCheck?.ok === false) return "failed";
  return "pending";
}

export async function domainDetails(
  params: URLSearchParams,
  state: SandboxState,
  engine: Engine,
): Promise<Answer> {
  const found = qwacOrder(params, state, "domainDetails");
  const json = params.get(ENDPOINTS.domainDetails.request.responseFormat.wire) === V.responseFormatJson.wire;
  if (isError(found)) return errorAnswer(found, json ? "json" : "url-encoded");
  await engine.progress(found);
  const r = ENDPOINTS.domainDetails.response;
  const fields: Record<string, string> = { [r.errorCode.wire]: "0" };
  Object.entries(found.lifecycle.dcv).forEach(([domain, dcv], i) => {
    fields[indexedKey(i + 1, r.domainName.wire)] = domain;
    fields[indexedKey(i + 1, r.dcvMethod.wire)] = dcv.method;
    fields[indexedKey(i + 1, r.dcvStatus.wire)] = DCV_STATUS_WIRE[domainStatus(found, domain)].wire;
  });
  return json ? jsonAnswer({ ...fields, [r.errorCode.wire]: 0 }) : urlEncoded(fields);
}

export function dcvEmailList(params: URLSearchParams, state: SandboxState): Answer {
  state.count("dcvEmailList");
  const p = ENDPOINTS.dcvEmailList.request;
  const r = ENDPOINTS.dcvEmailList.response;
  const json = params.get(p.responseFormat.wire) === V.responseFormatJson.wire;
  const domain = params.get(p.domainName.wire)?.trim();
  if (!domain) return errorAnswer(byCode(-3, p.domainName.wire), json ? "json" : "url-encoded");
  if (!isHostname(domain)) return errorAnswer(byCode(-4, p.domainName.wire), json ? "json" : "url-encoded");
  const { level2, level3 } = approverAddresses(domain);
  if (json) {
    return jsonAnswer({
      [r.errorCode.wire]: 0,
      [r.whoisEmail.wire]: [],
      [r.level2Emails.wire]: level2,
      [r.level3Emails.wire]: level3,
    });
  }
  // Format 1 is plain text: the status, then one "level<TAB>address" a line.
  const lines = ["0", ...level2.map((a) => `level2\t${a}`), ...level3.map((a) => `level3\t${a}`)];
  return { contentType: "text/plain; charset=utf-8", body: `${lines.join("\n")}\n` };
}

export function updateDcv(params: URLSearchParams, state: SandboxState): Answer {
  const p = ENDPOINTS.updateDcv.request;
  // It refuses a responseFormat argument (spec §5, B).
  if (params.has("responseFormat")) {
    state.count("updateDcv");
    return errorAnswer(byCode(-2, "responseFormat"));
  }
  const found = qwacOrder(params, state, "updateDcv");
  if (isError(found)) return errorAnswer(found);
  if (found.lifecycle.outcome !== undefined) return errorAnswer(byCode(-4, p.orderNumber.wire));
  const multiDomain = getProduct(found.product)!.multiDomain;
  const domains = Object.keys(found.lifecycle.dcv);

  let changes: { domain: string; method: string }[];
  const list = params.get(p.domainNames.wire);
  if (list !== null && multiDomain) {
    const names = list.split(",").map((d) => d.trim().toLowerCase());
    const methods = (params.get(p.newMethods.wire) ?? "").split(",").map((m) => m.trim());
    if (names.length !== methods.length) return errorAnswer(byCode(-4, p.newMethods.wire));
    changes = names.map((domain, i) => ({ domain, method: methods[i]! }));
  } else {
    const method = params.get(p.newMethod.wire)?.trim();
    if (!method) return errorAnswer(byCode(-3, p.newMethod.wire));
    const named = params.get(p.domainName.wire)?.trim().toLowerCase();
    if (multiDomain && !named) return errorAnswer(byCode(-3, p.domainName.wire));
    changes = named ? [{ domain: named, method }] : domains.map((domain) => ({ domain, method }));
  }
  const email = params.get(p.newDcvEmailAddress.wire)?.trim().toLowerCase();
  for (const change of changes) {
    if (!domains.includes(change.domain)) return errorAnswer(byCode(-4, p.domainName.wire));
    if (!isDcvMethod(change.method))
      return errorAnswer(byCode(-4, list ? p.newMethods.wire : p.newMethod.wire));
    if (change.method === "EMAIL") {
      if (!email) return errorAnswer(byCode(-3, p.newDcvEmailAddress.wire));
      if (!allowedFor(change.domain).has(email)) return errorAnswer(byCode(-4, p.newDcvEmailAddress.wire));
    }
  }
  const now = new Date().toISOString();
  for (const change of changes) {
    const method = change.method as DcvMethod;
    found.lifecycle.dcv[change.domain] = { method, ...(method === "EMAIL" ? { email } : {}) };
  }
  // One validation e-mail per call, however many domains it covers.
  if (changes.some((c) => c.method === "EMAIL")) found.lifecycle.dcvEmails.push({ to: email!, at: now });
  state.save();
  return urlEncoded({ errorCode: "0" });
}

export function resendDcvEmail(params: URLSearchParams, state: SandboxState): Answer {
  const p = ENDPOINTS.resendDcvEmail.request;
  const found = qwacOrder(params, state, "resendDcvEmail");
  if (isError(found)) return errorAnswer(found);
  if (found.lifecycle.outcome !== undefined) return errorAnswer(byCode(-4, p.orderNumber.wire));
  const byEmail = Object.entries(found.lifecycle.dcv).filter(([, d]) => d.method === "EMAIL");
  const given = params.get(p.dcvEmailAddress.wire)?.trim().toLowerCase();
  const last = found.lifecycle.dcvEmails.at(-1)?.to;
  const to = given || last;
  if (byEmail.length === 0 || !to) return errorAnswer(byCode(-4, p.dcvEmailAddress.wire));
  if (!byEmail.some(([domain]) => allowedFor(domain).has(to)))
    return errorAnswer(byCode(-4, p.dcvEmailAddress.wire));
  found.lifecycle.dcvEmails.push({ to, at: new Date().toISOString() });
  state.save();
  return urlEncoded({ errorCode: "0" });
}
