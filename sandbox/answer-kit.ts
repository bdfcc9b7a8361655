import { byCode, type SandboxError } from "./answers";
import type { Rendered } from "./render";
import type { SandboxOrder, SandboxState } from "./state";

// What every after-ordering answer of the sandbox shares: the credential check, finding the
// order, and the two answer formats.

export type Answer = Rendered;

export function urlEncoded(fields: Record<string, string | string[] | undefined>): Answer {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  }
  return { contentType: "application/x-www-form-urlencoded", body: body.toString() };
}

export function jsonAnswer(value: unknown): Answer {
  return { contentType: "application/json; charset=utf-8", body: JSON.stringify(value) };
}

export function errorAnswer(error: SandboxError, format: "url-encoded" | "json" = "url-encoded"): Answer {
  return format === "json"
    ? jsonAnswer({ errorCode: error.code, errorMessage: error.message })
    : urlEncoded({ errorCode: String(error.code), errorMessage: error.message });
}

export function checkLogin(params: URLSearchParams, state: SandboxState): SandboxError | null {
  const name = params.get("loginName");
  const password = params.get("loginPassword");
  if (name === null) return byCode(-3, "loginName");
  if (password === null) return byCode(-3, "loginPassword");
  if (name !== state.settings.loginName || password !== state.settings.loginPassword) return byCode(-16);
  return null;
}

/** The order named by orderNumber (or certificateID / serialNumber where allowed). */
export function findOrder(
  params: URLSearchParams,
  state: SandboxState,
  names: { orderNumber: string; certificateId?: string; serialNumber?: string },
): SandboxOrder | SandboxError {
  const number = params.get(names.orderNumber);
  if (number) return state.find(number) ?? byCode(-4, names.orderNumber);
  const certificateId = names.certificateId ? params.get(names.certificateId) : null;
  if (certificateId) {
    return (
      state.orders.find((o) => o.certificateId === certificateId.trim()) ?? byCode(-4, names.certificateId)
    );
  }
  const serial = names.serialNumber ? params.get(names.serialNumber)?.trim().toLowerCase() : undefined;
  if (serial) {
    const hit = state.orders.find((o) => o.lifecycle.certificate?.serialNumber.toLowerCase() === serial);
    return hit ?? byCode(-4, names.serialNumber);
  }
  return byCode(-3, names.orderNumber);
}

export function isError(value: unknown): value is SandboxError {
  return typeof value === "object" && value !== null && "code" in value && "message" in value;
}

/** Base64 DER of a PEM certificate, as the collect endpoints send it. */
export function derBase64(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, "");
}
