import "server-only";
import nodemailer, { type Transporter } from "nodemailer";

// One nodemailer transport per SMTP URL and process. Not pooled: each mail is its own SMTP
// session, so a session that dies takes only its one message with it. The timeouts bound how
// long one send can take, which the claim lease (lib/mail/send.ts) must comfortably exceed.
export const SEND_TIMEOUTS = { connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 60_000 };

const cache = new Map<string, Transporter>();

export function transportFor(url: string): Transporter {
  let transport = cache.get(url);
  if (!transport) {
    transport = nodemailer.createTransport({ url, ...SEND_TIMEOUTS });
    cache.set(url, transport);
  }
  return transport;
}

/** Whether an SMTP error means the server refused this message for good (a 5xx answer). */
export function isPermanentRefusal(error: unknown): boolean {
  const e = error as { responseCode?: number; code?: string };
  // 5xx to the envelope or the message: resending the same mail gets the same answer. A 5xx to
  // AUTH is our configuration, fixed by an operator, so it is retried like an outage.
  return typeof e.responseCode === "number" && e.responseCode >= 500 && e.code !== "EAUTH";
}

/** Whether the error happened before the server said anything about this message (down, refused). */
export function isConnectionFailure(error: unknown): boolean {
  const e = error as { responseCode?: number; code?: string };
  return (
    e.responseCode === undefined && ["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS"].includes(e.code ?? "")
  );
}

/** The error in words for lastError, without anything but the server's own answer. */
export function describeSmtpError(error: unknown): string {
  const e = error as { message?: string; code?: string; responseCode?: number };
  const text = `${e.code ?? "ERROR"}${e.responseCode ? ` ${e.responseCode}` : ""}: ${e.message ?? String(error)}`;
  // A URL with credentials would only appear if a library echoed it; never store one.
  return text.replace(/\/\/[^@\s/]*@/g, "//***@").slice(0, 500);
}
