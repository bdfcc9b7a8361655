// Parses !AutoApplyOrder answers (spec §4). The client always asks for responseFormat=1
// (URL-encoded), but some error paths may ignore the flag, so a plain-text body (format 0, one
// value per line) is recognised by its first line being an integer. Never throws.

export interface ResponseFlags {
  /** showCertificateID=Y was sent: the certificate ID line/key is expected. */
  showCertificateID: boolean;
  /** showCertificateState=Y was sent. */
  showCertificateState: boolean;
}

export type ParsedResponse =
  | {
      kind: "success";
      format: 0 | 1;
      /** 0: account debited; 1: accepted, payment still to be collected from the end customer. */
      status: 0 | 1;
      /** Integers as text: certificate IDs have up to 16 digits, beyond a safe JS number. */
      orderNumber: string;
      /** Decimal text in the account's currency, e.g. "210.00"; kept as text to avoid float errors. */
      totalCost: string;
      certificateId?: string;
      certificateState?: string;
      uniqueValue?: string;
    }
  | { kind: "error"; format: 0 | 1; code: number; message: string }
  | {
      kind: "unparseable";
      reason: "empty" | "html" | "truncated" | "unexpected-status" | "garbled";
      detail: string;
    };

const INTEGER = /^-?\d{1,15}$/;
const DIGITS = /^\d{1,20}$/;
const AMOUNT = /^-?\d+(?:\.\d+)?$/;
const NO_FLAGS: ResponseFlags = { showCertificateID: false, showCertificateState: false };

function unparseable(
  reason: Extract<ParsedResponse, { kind: "unparseable" }>["reason"],
  detail: string,
): ParsedResponse {
  return { kind: "unparseable", reason, detail };
}

function successOrTruncated(
  format: 0 | 1,
  status: 0 | 1,
  fields: {
    orderNumber?: string;
    totalCost?: string;
    certificateId?: string;
    certificateState?: string;
    uniqueValue?: string;
  },
): ParsedResponse {
  const { orderNumber, totalCost } = fields;
  if (orderNumber === undefined || !DIGITS.test(orderNumber)) {
    return unparseable("truncated", "success status without a readable order number");
  }
  if (totalCost === undefined || !AMOUNT.test(totalCost)) {
    return unparseable("truncated", "success status without a readable total cost");
  }
  const optional = Object.fromEntries(
    (["certificateId", "certificateState", "uniqueValue"] as const)
      .filter((k) => fields[k] !== undefined && fields[k] !== "")
      .map((k) => [k, fields[k]]),
  );
  return { kind: "success", format, status, orderNumber, totalCost, ...optional };
}

function parseUrlEncoded(body: string): ParsedResponse {
  const params = new URLSearchParams(body);
  const rawCode = params.get("errorCode")?.trim() ?? "";
  if (!INTEGER.test(rawCode)) return unparseable("garbled", "errorCode is not an integer");
  const code = Number(rawCode);
  if (code < 0) return { kind: "error", format: 1, code, message: params.get("errorMessage") ?? "" };
  if (code !== 0 && code !== 1) return unparseable("unexpected-status", `status ${code}`);
  return successOrTruncated(1, code, {
    orderNumber: params.get("orderNumber")?.trim(),
    totalCost: params.get("totalCost")?.trim(),
    certificateId: params.get("certificateID")?.trim(),
    // The key's name was lost (spec §4.2); accept the candidate and its alternative.
    certificateState: (params.get("certificateState") ?? params.get("certificateStatus"))?.trim(),
    uniqueValue: params.get("uniqueValue")?.trim(),
  });
}

function parsePlainText(lines: string[], flags: ResponseFlags): ParsedResponse {
  const code = Number(lines[0]);
  if (code < 0) return { kind: "error", format: 0, code, message: lines.slice(1).join("\n").trim() };
  if (code !== 0 && code !== 1) return unparseable("unexpected-status", `status ${code}`);
  // Lines 1–4: status, order number, cost, (deprecated) delivery time; then the optional lines
  // in spec order, present according to the flags that were sent, not to how many lines came.
  let next = 4;
  const certificateId = flags.showCertificateID ? lines[next++] : undefined;
  const certificateState = flags.showCertificateState ? lines[next++] : undefined;
  return successOrTruncated(0, code, {
    orderNumber: lines[1],
    totalCost: lines[2],
    certificateId,
    certificateState,
    uniqueValue: lines[next],
  });
}

export function parseResponse(body: string, flags: ResponseFlags = NO_FLAGS): ParsedResponse {
  try {
    const text = body.replace(/^\uFEFF/, "").trim();
    if (text === "") return unparseable("empty", "empty body");
    if (/^</.test(text) || /<(?:html|body|head|title)[\s>]/i.test(text)) {
      return unparseable("html", "an HTML page instead of an API answer");
    }
    const lines = text.split(/\r\n|\r|\n/).map((line) => line.trim());
    if (INTEGER.test(lines[0] ?? "")) return parsePlainText(lines, flags);
    if (/(?:^|&)errorCode=/.test(text)) return parseUrlEncoded(text);
    return unparseable("garbled", "neither a URL-encoded nor a plain-text answer");
  } catch {
    return unparseable("garbled", "the body could not be read");
  }
}
