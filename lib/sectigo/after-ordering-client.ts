import "server-only";
import type { Dispatcher } from "undici";
import type { Logger } from "pino";
import {
  CHECKLIST_OBJECTS,
  CHECKLIST_STEPS,
  COLLECT_CODES,
  collectEndpointFor,
  dcvStatusFromWire,
  ENDPOINTS,
  isDcvMethod,
  orderStatusFromWire,
  REQUEST_VALUES as V,
  SHIPPING_CARRIER,
  stepStateFromWire,
  type EndpointKey,
} from "./after-ordering";
import type {
  CaCall,
  CaCallOptions,
  ChecklistItem,
  Collection,
  DcvChange,
  DetailedStatus,
  DomainDetail,
  PostPaymentStatus,
  RevocationRequest,
} from "./after-ordering-types";
import type { ProductCode } from "./products";
import { postForm } from "./transport";
import { redactParams } from "./wire";

export type * from "./after-ordering-types";

// The calls after ordering, composed into SectigoClient. Same transport and redaction as
// !AutoApplyOrder; one POST per call, no retries (the status job decides when to ask again).

export interface CallContext {
  baseUrl: string;
  loginName: string;
  loginPassword: string;
  timeoutMs: number;
  dispatcher: Dispatcher;
  log: Logger;
  scrub: (text: string) => string;
}

export interface AfterOrderingCalls {
  getDetailedStatus(orderNumber: string, opts?: CaCallOptions): Promise<CaCall<DetailedStatus>>;
  getPostPaymentStatus(orderNumber: string, opts?: CaCallOptions): Promise<CaCall<PostPaymentStatus>>;
  /** CollectEIDAS or CollectSSL by product; queryType 1, each certificate individually, Base64. */
  collect(orderNumber: string, product: ProductCode, opts?: CaCallOptions): Promise<CaCall<Collection>>;
  getDomainDetails(orderNumber: string, opts?: CaCallOptions): Promise<CaCall<DomainDetail[]>>;
  getDcvEmailAddresses(domainName: string, opts?: CaCallOptions): Promise<CaCall<string[]>>;
  updateDcv(
    orderNumber: string,
    changes: DcvChange[],
    opts: { multiDomain: boolean } & CaCallOptions,
  ): Promise<CaCall<void>>;
  resendDcvEmail(orderNumber: string, email?: string, opts?: CaCallOptions): Promise<CaCall<void>>;
  revoke(
    orderNumber: string,
    reason: RevocationRequest,
    opts: { test: boolean } & CaCallOptions,
  ): Promise<CaCall<void>>;
}

type Fields = Record<string, string | undefined>;
type Interpreted<T> = { ok: T } | { error: { code: number; message: string } } | { garbled: string };

const INTEGER = /^-?\d{1,15}$/;

function looksLikeHtml(text: string): boolean {
  return /^\s*</.test(text) || /<(?:html|body|head|title)[\s>]/i.test(text);
}

/** errorCode of a URL-encoded answer, or why it has none. */
function urlEncoded(body: string): { params: URLSearchParams; code: number } | string {
  if (body.trim() === "") return "empty body";
  if (looksLikeHtml(body)) return "an HTML page instead of an API answer";
  const params = new URLSearchParams(body.trim());
  const raw = params.get(ENDPOINTS.detailedStatus.response.errorCode.wire)?.trim() ?? "";
  if (!INTEGER.test(raw)) return "errorCode is not an integer";
  return { params, code: Number(raw) };
}

function jsonAnswer(body: string): { data: Record<string, unknown>; code: number } | string {
  if (body.trim() === "") return "empty body";
  if (looksLikeHtml(body)) return "an HTML page instead of an API answer";
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return "not JSON";
  }
  if (!parsed || typeof parsed !== "object") return "not a JSON object";
  const data = parsed as Record<string, unknown>;
  const code = Number(data[ENDPOINTS.postPaymentStatus.response.errorCode.wire]);
  if (!Number.isInteger(code)) return "errorCode is not an integer";
  return { data, code };
}

function errorOf(code: number, message: unknown) {
  return { error: { code, message: typeof message === "string" ? message : "" } };
}

/** `1_orderStatus` (or any index) first, the bare name last. */
function indexed(params: URLSearchParams, name: string, index = 1): string | undefined {
  const direct = params.get(`${index}_${name}`);
  if (direct !== null) return direct.trim();
  const pattern = new RegExp(`^${index}(?:_\\d+)*_${name}$`);
  for (const [key, value] of params) if (pattern.test(key)) return value.trim();
  const bare = index === 1 ? params.get(name) : null;
  return bare === null ? undefined : bare.trim();
}

function isoDate(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const date = new Date(/^\d{4}-\d{2}-\d{2} /.test(text) ? `${text.replace(" ", "T")}Z` : text);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function pem(base64: string): string {
  const clean = base64.replace(/\s+/g, "");
  const lines = clean.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join("\n")}\n-----END CERTIFICATE-----\n`;
}

function plainVoid(body: string): Interpreted<void> {
  const answer = urlEncoded(body);
  if (typeof answer === "string") return { garbled: answer };
  if (answer.code < 0) return errorOf(answer.code, answer.params.get("errorMessage"));
  return { ok: undefined };
}

function detailedStatus(body: string): Interpreted<DetailedStatus> {
  const answer = urlEncoded(body);
  if (typeof answer === "string") return { garbled: answer };
  const { params, code } = answer;
  if (code < 0) return errorOf(code, params.get("errorMessage"));
  const r = ENDPOINTS.detailedStatus.response;
  const orderNumber = indexed(params, r.orderNumber.wire);
  const statusText = indexed(params, r.orderStatus.wire);
  if (!orderNumber || statusText === undefined) return { garbled: "no order number or status" };
  const trackingId = indexed(params, r.trackingId.wire) || undefined;
  const certificateId = indexed(params, r.certificateId.wire) || undefined;
  const validFrom = isoDate(indexed(params, r.validFrom.wire));
  const validTo = isoDate(indexed(params, r.validTo.wire));
  return {
    ok: {
      orderNumber,
      status: orderStatusFromWire(statusText),
      statusText,
      ...(certificateId ? { certificateId } : {}),
      ...(validFrom ? { validFrom } : {}),
      ...(validTo ? { validTo } : {}),
      ...(trackingId ? { shipping: { trackingId, carrier: SHIPPING_CARRIER } } : {}),
    },
  };
}

const text = (value: unknown) => (typeof value === "string" ? value : "");

function postPayment(body: string): Interpreted<PostPaymentStatus> {
  const answer = jsonAnswer(body);
  if (typeof answer === "string") return { garbled: answer };
  const r = ENDPOINTS.postPaymentStatus.response;
  if (answer.code < 0) return errorOf(answer.code, answer.data[r.errorMessage.wire]);
  const data = answer.data[r.data.wire];
  if (!data || typeof data !== "object") return { garbled: "no data object" };
  const d = data as Record<string, unknown>;
  const steps: PostPaymentStatus["steps"] = {};
  for (const step of CHECKLIST_STEPS) {
    const sub = d[CHECKLIST_OBJECTS[step].wire];
    if (!sub || typeof sub !== "object") continue;
    const s = sub as Record<string, unknown>;
    const wireStatus = text(s[r.status.wire]);
    const item: ChecklistItem = {
      state: stepStateFromWire(wireStatus),
      title: text(s[r.title.wire]),
      description: text(s[r.description.wire]),
      wireStatus,
    };
    steps[step] = item;
  }
  const url = text(d[r.uploadDocumentUrl.wire]);
  const token = text(d[r.uploadDocumentToken.wire]);
  return {
    ok: {
      orderStatus: text(d[r.orderStatus.wire]),
      ...(url ? { uploadDocumentUrl: url } : {}),
      ...(token ? { uploadDocumentToken: token } : {}),
      steps,
    },
  };
}

function collection(body: string): Interpreted<Collection> {
  if (body.trim() === "" || looksLikeHtml(body)) return { garbled: "not a collect answer" };
  const params = new URLSearchParams(body.trim());
  const r = ENDPOINTS.collectEidas.response;
  const raw = params.get(r.status.wire)?.trim() ?? "";
  if (!INTEGER.test(raw)) return { garbled: "status is not an integer" };
  const code = Number(raw);
  const meaning = COLLECT_CODES[code]?.meaning;
  if (meaning === "processing") return { ok: { state: "processing" } };
  if (meaning === "rejected") return { ok: { state: "rejected" } };
  if (meaning === "revoked") return { ok: { state: "revoked" } };
  if (code < 0) return errorOf(code, params.get(r.errorMessage.wire));
  const certificate = params.get(r.certificate.wire);
  if (!meaning || !certificate) return { garbled: `status ${code} without a certificate` };
  return {
    ok: {
      state: "issued",
      certificatePem: pem(certificate),
      chainPem: params.getAll(r.caCertificate.wire).map(pem),
    },
  };
}

function domainDetails(body: string): Interpreted<DomainDetail[]> {
  const answer = urlEncoded(body);
  if (typeof answer === "string") return { garbled: answer };
  const { params, code } = answer;
  if (code < 0) return errorOf(code, params.get("errorMessage"));
  const r = ENDPOINTS.domainDetails.response;
  const domains: DomainDetail[] = [];
  for (let n = 1; params.has(`${n}_${r.domainName.wire}`); n++) {
    const method = params.get(`${n}_${r.dcvMethod.wire}`)?.trim() ?? "";
    if (!isDcvMethod(method)) return { garbled: `unknown DCV method "${method}"` };
    const wireStatus = params.get(`${n}_${r.dcvStatus.wire}`)?.trim() ?? "";
    domains.push({
      domainName: params.get(`${n}_${r.domainName.wire}`)!.trim(),
      method,
      status: dcvStatusFromWire(wireStatus),
      wireStatus,
    });
  }
  return { ok: domains };
}

function emailList(body: string): Interpreted<string[]> {
  const answer = jsonAnswer(body);
  if (typeof answer === "string") return { garbled: answer };
  const r = ENDPOINTS.dcvEmailList.response;
  if (answer.code < 0) return errorOf(answer.code, answer.data[r.errorMessage.wire]);
  const all = [r.whoisEmail, r.level2Emails, r.level3Emails].flatMap(({ wire }) => {
    const value = answer.data[wire];
    return Array.isArray(value) ? value.filter((v) => typeof v === "string") : text(value) ? [value] : [];
  }) as string[];
  return { ok: [...new Set(all.map((e) => e.trim()).filter(Boolean))] };
}

export function afterOrderingCalls(ctx: CallContext): AfterOrderingCalls {
  const base = ctx.baseUrl.replace(/\/+$/, "");

  async function call<T>(
    endpoint: EndpointKey,
    fields: Fields,
    interpret: (body: string) => Interpreted<T>,
    opts: CaCallOptions = {},
  ): Promise<CaCall<T>> {
    const url = `${base}${ENDPOINTS[endpoint].path}`;
    const form = new URLSearchParams();
    form.set("loginName", ctx.loginName);
    form.set("loginPassword", ctx.loginPassword);
    for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.set(name, value);
    ctx.log.debug({ event: "sectigo.request", endpoint, url, params: redactParams(form) }, "Sectigo request");

    const started = performance.now();
    const answer = await postForm(url, form, {
      dispatcher: ctx.dispatcher,
      timeoutMs: ctx.timeoutMs,
      signal: opts.signal,
    });
    const durationMs = Math.round(performance.now() - started);
    const result = ((): CaCall<T> => {
      if (!answer.ok)
        return { kind: "transport", reason: answer.reason, message: ctx.scrub(answer.message), durationMs };
      const rawBody = ctx.scrub(answer.body);
      if (answer.httpStatus < 200 || answer.httpStatus > 299) {
        return {
          kind: "transport",
          reason: "http-status",
          message: `The CA answered HTTP ${answer.httpStatus}`,
          durationMs,
        };
      }
      let outcome: Interpreted<T>;
      try {
        outcome = interpret(rawBody);
      } catch {
        outcome = { garbled: "the body could not be read" };
      }
      if ("ok" in outcome) return { kind: "ok", value: outcome.ok, durationMs, rawBody };
      if ("error" in outcome)
        return {
          kind: "ca-error",
          ...outcome.error,
          message: ctx.scrub(outcome.error.message),
          durationMs,
          rawBody,
        };
      return {
        kind: "transport",
        reason: "unparseable",
        message: `Unreadable answer: ${outcome.garbled}`,
        durationMs,
      };
    })();
    ctx.log.debug(
      {
        event: "sectigo.response",
        endpoint,
        kind: result.kind,
        code: result.kind === "ca-error" ? result.code : undefined,
        reason: result.kind === "transport" ? result.reason : undefined,
        durationMs,
      },
      "Sectigo answer",
    );
    return result;
  }

  const E = ENDPOINTS;
  return {
    getDetailedStatus(orderNumber, opts) {
      const p = E.detailedStatus.request;
      return call(
        "detailedStatus",
        {
          [p.orderNumber.wire]: orderNumber,
          [p.queryType.wire]: V.detailedQueryType.wire,
          [p.showValidityPeriod.wire]: V.yes.wire,
          [p.responseFormat.wire]: V.responseFormatUrlEncoded.wire,
        },
        detailedStatus,
        opts,
      );
    },
    getPostPaymentStatus(orderNumber, opts) {
      return call(
        "postPaymentStatus",
        { [E.postPaymentStatus.request.orderNumber.wire]: orderNumber },
        postPayment,
        opts,
      );
    },
    collect(orderNumber, product, opts) {
      const endpoint = collectEndpointFor(product);
      const p = E[endpoint].request;
      return call(
        endpoint,
        {
          [p.orderNumber.wire]: orderNumber,
          [p.queryType.wire]: V.collectQueryType.wire,
          [p.responseType.wire]: V.collectResponseType.wire,
          [p.responseEncoding.wire]: V.collectResponseEncodingBase64.wire,
        },
        collection,
        opts,
      );
    },
    getDomainDetails(orderNumber, opts) {
      const p = E.domainDetails.request;
      return call(
        "domainDetails",
        {
          [p.orderNumber.wire]: orderNumber,
          [p.showStatusDetails.wire]: V.yes.wire,
          [p.responseFormat.wire]: V.responseFormatUrlEncoded.wire,
        },
        domainDetails,
        opts,
      );
    },
    getDcvEmailAddresses(domainName, opts) {
      const p = E.dcvEmailList.request;
      return call(
        "dcvEmailList",
        { [p.domainName.wire]: domainName, [p.responseFormat.wire]: V.responseFormatJson.wire },
        emailList,
        opts,
      );
    },
    updateDcv(orderNumber, changes, opts) {
      const p = E.updateDcv.request;
      const emails = changes.map((c) => c.email).filter((e): e is string => Boolean(e));
      // Several domains at once go as parallel lists; the e-mail of an EMAIL change has only the
      // single-valued newDCVEmailAddress, so a multi-domain change carries at most one address.
      const fields: Fields =
        opts.multiDomain && changes.length > 1
          ? {
              [p.domainNames.wire]: changes.map((c) => c.domainName).join(","),
              [p.newMethods.wire]: changes.map((c) => c.method).join(","),
              [p.newDcvEmailAddress.wire]: emails[0],
            }
          : {
              [p.domainName.wire]: opts.multiDomain ? changes[0]?.domainName : undefined,
              [p.newMethod.wire]: changes[0]?.method,
              [p.newDcvEmailAddress.wire]: emails[0],
            };
      return call("updateDcv", { [p.orderNumber.wire]: orderNumber, ...fields }, plainVoid, opts);
    },
    resendDcvEmail(orderNumber, email, opts) {
      const p = E.resendDcvEmail.request;
      return call(
        "resendDcvEmail",
        { [p.orderNumber.wire]: orderNumber, [p.dcvEmailAddress.wire]: email },
        plainVoid,
        opts,
      );
    },
    revoke(orderNumber, reason, opts) {
      const p = E.revoke.request;
      return call(
        "revoke",
        {
          [p.orderNumber.wire]: orderNumber,
          [p.revocationReason.wire]: reason.text.slice(0, 1024),
          [p.codeReason.wire]: String(reason.code),
          [p.test.wire]: opts.test ? V.yes.wire : V.no.wire,
        },
        plainVoid,
        opts,
      );
    },
  };
}
