import type { Outcome } from "./place";

export interface Rendered {
  contentType: string;
  body: string;
}

/** The answer in the format that was asked for (spec §4.1 / §4.2). */
export function render(outcome: Outcome): Rendered {
  if (outcome.format === 1) {
    const body = new URLSearchParams();
    if (outcome.kind === "error") {
      body.set("errorCode", String(outcome.error.code));
      body.set("errorMessage", outcome.error.message);
    } else {
      const { order } = outcome;
      body.set("errorCode", String(order.status));
      body.set("orderNumber", order.orderNumber);
      body.set("totalCost", order.totalCost);
      body.set("expectedDeliveryTime", "1");
      if (outcome.showCertificateID) body.set("certificateID", order.certificateId);
      if (outcome.showCertificateState) body.set("certificateState", order.certificateState);
      if (order.uniqueValue) body.set("uniqueValue", order.uniqueValue);
    }
    return { contentType: "application/x-www-form-urlencoded", body: body.toString() };
  }
  const lines =
    outcome.kind === "error"
      ? [String(outcome.error.code), outcome.error.message]
      : [
          String(outcome.order.status),
          outcome.order.orderNumber,
          outcome.order.totalCost,
          "1",
          ...(outcome.showCertificateID ? [outcome.order.certificateId] : []),
          ...(outcome.showCertificateState ? [outcome.order.certificateState] : []),
          ...(outcome.order.uniqueValue ? [outcome.order.uniqueValue] : []),
        ];
  return { contentType: "text/plain; charset=utf-8", body: `${lines.join("\n")}\n` };
}

/** A 200 answer that no client can read: the real one, cut short behind stray bytes. */
export function garble(rendered: Rendered): Rendered {
  const half = rendered.body.slice(0, Math.ceil(rendered.body.length / 2));
  return { contentType: rendered.contentType, body: `\uFFFD\uFFFD${half}` };
}

export function errorPage(status: 500 | 503): Rendered {
  const title = status === 500 ? "500 Internal Server Error" : "503 Service Unavailable";
  return {
    contentType: "text/html; charset=utf-8",
    body: `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>\n`,
  };
}
