import {
  CHECKLIST_OBJECTS,
  CHECKLIST_STEPS,
  COLLECT_CODES,
  dcvStatusFromWire,
  ENDPOINTS,
  isDcvMethod,
  orderStatusFromWire,
  stepStateFromWire,
} from "./after-ordering";
import type {
  ChecklistItem,
  Collection,
  DetailedStatus,
  DomainDetail,
  PostPaymentStatus,
} from "./after-ordering-types";

// Readers of the after-ordering answers, one per endpoint; names from the registry. Each
// returns the value, Sectigo's error, or why the body could not be read. Browser-safe.

export type Interpreted<T> = { ok: T } | { error: { code: number; message: string } } | { garbled: string };

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

export function readPlainAnswer(body: string): Interpreted<void> {
  const answer = urlEncoded(body);
  if (typeof answer === "string") return { garbled: answer };
  if (answer.code < 0) return errorOf(answer.code, answer.params.get("errorMessage"));
  return { ok: undefined };
}

export function readDetailedStatus(body: string): Interpreted<DetailedStatus> {
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
      // The answer names no carrier (the key's name is not a statement about the parcel): none is shown.
      ...(trackingId ? { shipping: { trackingId } } : {}),
    },
  };
}

const text = (value: unknown) => (typeof value === "string" ? value : "");

export function readPostPaymentStatus(body: string): Interpreted<PostPaymentStatus> {
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

export function readCollection(body: string): Interpreted<Collection> {
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

export function readDomainDetails(body: string): Interpreted<DomainDetail[]> {
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

export function readDcvEmailList(body: string): Interpreted<string[]> {
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
