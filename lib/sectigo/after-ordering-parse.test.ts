import { describe, expect, it } from "vitest";
import {
  readCollection,
  readDcvEmailList,
  readDetailedStatus,
  readDomainDetails,
  readPlainAnswer,
  readPostPaymentStatus,
} from "./after-ordering-parse";

// Answer shapes the sandbox does not produce but Sectigo may: other indexes, other date
// formats, HTML error pages, codes without a certificate.

describe("after-ordering answers", () => {
  it("reads the detailed status under a two-level index and a space-separated UTC date", () => {
    const body =
      "errorCode=0&1_1_orderNumber=3040824&1_1_orderStatus=Awaiting+Payment&1_1_validTo=2027-12-03+10:00:00";
    expect(readDetailedStatus(body)).toEqual({
      ok: {
        orderNumber: "3040824",
        status: "awaiting_payment",
        statusText: "Awaiting Payment",
        validTo: "2027-12-03T10:00:00.000Z",
      },
    });
    expect(readDetailedStatus("errorCode=0&1_orderNumber=1&1_orderStatus=Shipped")).toMatchObject({
      ok: { status: "unknown", statusText: "Shipped" },
    });
  });

  it("tells a CA error from an unreadable body", () => {
    expect(readPlainAnswer("errorCode=-21&errorMessage=already+revoked")).toEqual({
      error: { code: -21, message: "already revoked" },
    });
    expect(readPlainAnswer("<html><body>502 Bad Gateway</body></html>")).toEqual({
      garbled: "an HTML page instead of an API answer",
    });
    expect(readPlainAnswer("")).toEqual({ garbled: "empty body" });
    expect(readDetailedStatus("errorCode=0")).toEqual({ garbled: "no order number or status" });
  });

  it("reads -26 as processing and refuses a success code without a certificate", () => {
    expect(readCollection("errorCode=-26")).toEqual({ ok: { state: "processing" } });
    expect(readCollection("errorCode=1")).toEqual({ garbled: "status 1 without a certificate" });
    expect(readCollection("errorCode=-16&errorMessage=bad+login")).toEqual({
      error: { code: -16, message: "bad login" },
    });
    const issued = readCollection("errorCode=2&certificate=QUJD&caCertificate=REVG&caCertificate=R0hJ");
    expect(issued).toMatchObject({
      ok: { state: "issued", chainPem: [expect.stringContaining("REVG"), expect.stringContaining("R0hJ")] },
    });
  });

  it("reads checklist states, unknown ones as waiting for Sectigo", () => {
    const body = JSON.stringify({
      errorCode: 0,
      data: {
        orderStatus: "Pending",
        csrStatus: { title: "CSR", status: "Completed", description: "" },
        callbackStatus: { title: "Callback", status: "Scheduled", description: "Tomorrow" },
      },
    });
    expect(readPostPaymentStatus(body)).toEqual({
      ok: {
        orderStatus: "Pending",
        steps: {
          csr: { state: "done", title: "CSR", description: "", wireStatus: "Completed" },
          callback: {
            state: "waiting_ca",
            title: "Callback",
            description: "Tomorrow",
            wireStatus: "Scheduled",
          },
        },
      },
    });
    expect(readPostPaymentStatus("{not json")).toEqual({ garbled: "not JSON" });
  });

  it("refuses an unknown DCV method and merges e-mail lists given as strings or arrays", () => {
    expect(readDomainDetails("errorCode=0&1_domainName=a.eu&1_dcvMethod=FAX&1_dcvStatus=x")).toEqual({
      garbled: 'unknown DCV method "FAX"',
    });
    const list = JSON.stringify({
      errorCode: 0,
      whoisEmail: "owner@a.eu",
      level2Emails: ["admin@a.eu", "owner@a.eu"],
    });
    expect(readDcvEmailList(list)).toEqual({ ok: ["owner@a.eu", "admin@a.eu"] });
  });
});
