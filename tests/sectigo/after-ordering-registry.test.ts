import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  CA_ORDER_STATUSES,
  COLLECT_CODES,
  collectEndpointFor,
  dcvStatusFromWire,
  ENDPOINT_KEYS,
  ENDPOINTS,
  orderStatusFromWire,
  ORDER_STATUS_WIRE,
  PUSH_STATUS_CODES,
  REVOCATION_REASON_CODES,
  stepStateFromWire,
  STEP_STATES,
  STEP_STATUS_WIRE,
  UNCONFIRMED_AFTER_ORDERING,
  type EndpointDef,
} from "@/lib/sectigo/after-ordering";
import { PRODUCT_CODES } from "@/lib/sectigo/products";

describe("after-ordering registry", () => {
  it("has the nine endpoints of the spec, each under /products/", () => {
    expect(ENDPOINT_KEYS.map((k) => ENDPOINTS[k].path)).toEqual([
      "/products/!GetDetailedOrderStatus",
      "/products/!getPostPaymentStatus",
      "/products/download/CollectEIDAS",
      "/products/download/CollectSSL",
      "/products/!AutoUpdateDCV",
      "/products/!ResendDCVEmail",
      "/products/!GetDCVEmailAddressList",
      "/products/!GetMDCDomainDetails",
      "/products/!autoRevokeCertificate",
    ]);
    for (const key of ENDPOINT_KEYS) {
      const def: EndpointDef = ENDPOINTS[key];
      const wires = Object.values(def.request).map((n) => n.wire);
      expect(new Set(wires).size, key).toBe(wires.length);
    }
  });

  it("collects the eIDAS products with CollectEIDAS and the QWACs with CollectSSL", () => {
    const bySsl = PRODUCT_CODES.filter((p) => collectEndpointFor(p) === "collectSsl").sort();
    expect(bySsl).toEqual([783, 784, 788, 789, 791, 792]);
    const byEidas = PRODUCT_CODES.filter((p) => collectEndpointFor(p) === "collectEidas").sort();
    expect(byEidas).toEqual([777, 778, 779, 780, 781, 782, 786, 787]);
  });

  it("maps every eIDAS status string to its key, whatever the case, and others to unknown", () => {
    for (const key of CA_ORDER_STATUSES) {
      expect(orderStatusFromWire(ORDER_STATUS_WIRE[key].wire.toUpperCase())).toBe(key);
    }
    expect(orderStatusFromWire("Awaiting  Payment")).toBe("awaiting_payment");
    expect(orderStatusFromWire("Issued")).toBe("unknown");
  });

  it("holds the push, collect and revocation codes of the spec", () => {
    expect(
      Object.keys(PUSH_STATUS_CODES)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual([3, 5, 6, 7, 8, 9, 12, 14]);
    expect(
      Object.keys(COLLECT_CODES)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual([-26, -21, -20, 0, 1, 2]);
    expect(REVOCATION_REASON_CODES).toEqual([0, 1, 3, 4, 5]);
  });

  it("reads checklist and DCV status strings, unknown ones as still waiting", () => {
    for (const state of STEP_STATES) expect(stepStateFromWire(STEP_STATUS_WIRE[state].wire)).toBe(state);
    expect(stepStateFromWire("Something new")).toBe("waiting_ca");
    expect(dcvStatusFromWire("validated")).toBe("validated");
    expect(dcvStatusFromWire("???")).toBe("pending");
  });

  it("lists every unconfirmed name and value in the README", () => {
    const readme = readFileSync(new URL("../../lib/sectigo/README.md", import.meta.url), "utf8");
    const section = readme.slice(readme.indexOf("### Unconfirmed names and values after ordering"));
    const rows = section.split("\n").filter((line) => /^\| [a-z]/i.test(line) && !line.startsWith("| Where"));
    expect(rows).toHaveLength(UNCONFIRMED_AFTER_ORDERING.length);
    for (const u of UNCONFIRMED_AFTER_ORDERING) {
      const pattern = new RegExp(
        `^\\|\\s*${u.where}\\s*\\|\\s*\`${u.key.replace(/\./g, "\\.")}\`\\s*\\|\\s*\`${u.wire.replace(/[!.]/g, "\\$&")}\``,
      );
      expect(
        rows.some((row) => pattern.test(row)),
        `${u.where} ${u.key}`,
      ).toBe(true);
    }
  });
});
