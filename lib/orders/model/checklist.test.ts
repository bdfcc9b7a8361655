import { describe, expect, it } from "vitest";
import { buildChecklist, checklistChanges, storedChecklist, type TrackingSnapshot } from "./checklist";

const base: TrackingSnapshot = {
  steps: {
    csr: { state: "done" },
    agreement: { state: "waiting_customer" },
    organization: { state: "waiting_ca" },
    callback: { state: "not_required" },
  },
  shipsToken: false,
  issued: false,
};
const t1 = new Date("2026-12-01T10:00:00Z");
const t2 = new Date("2026-12-01T11:00:00Z");

describe("the checklist of what Sectigo still needs", () => {
  it("lists the steps Sectigo reports, leaves out the ones not required, and explains each", () => {
    const list = buildChecklist([], base, t1);
    expect(list.map((i) => [i.key, i.state])).toEqual([
      ["csr", "done"],
      ["agreement", "waiting_customer"],
      ["organization", "waiting_ca"],
    ]);
    expect(list[1]!.detail).toMatch(/subscriber agreement in the e-mail/);
    expect(list.every((i) => i.changedAt === t1.toISOString())).toBe(true);
  });

  it("keeps the date of an unchanged item and dates a changed one now", () => {
    const first = buildChecklist([], base, t1);
    const next = buildChecklist(
      first,
      { ...base, steps: { ...base.steps, agreement: { state: "done" } } },
      t2,
    );
    expect(next.find((i) => i.key === "csr")!.changedAt).toBe(t1.toISOString());
    expect(next.find((i) => i.key === "agreement")!.changedAt).toBe(t2.toISOString());
    expect(checklistChanges(first, next).map((i) => i.key)).toEqual(["agreement"]);
  });

  it("asks for documents while the organization check waits and Sectigo gave an upload link", () => {
    const list = buildChecklist(
      [],
      { ...base, steps: { organization: { state: "waiting_customer" } }, uploadUrl: "https://x.example/u" },
      t1,
    );
    expect(list.map((i) => i.key)).toEqual(["organization", "documents"]);
    expect(list[1]!.state).toBe("waiting_customer");
  });

  it("does not ask for documents while Sectigo checks the organization in registers itself", () => {
    const list = buildChecklist(
      [],
      { ...base, steps: { organization: { state: "waiting_ca" } }, uploadUrl: "https://x.example/u" },
      t1,
    );
    expect(list.map((i) => i.key)).toEqual(["organization"]);
  });

  it("keeps the documents item, marked Done, once the check they were for has passed", () => {
    const asked = buildChecklist(
      [],
      { ...base, steps: { organization: { state: "waiting_customer" } }, uploadUrl: "https://x.example/u" },
      t1,
    );
    expect(asked.find((i) => i.key === "documents")).toMatchObject({ state: "waiting_customer" });
    expect(asked.find((i) => i.key === "documents")!.detail).toMatch(/company register extract/);
    const reviewing = buildChecklist(
      asked,
      { ...base, steps: { organization: { state: "waiting_ca" } } },
      t2,
    );
    expect(reviewing.find((i) => i.key === "documents")).toMatchObject({ state: "waiting_ca" });
    const passed = buildChecklist(reviewing, { ...base, steps: { organization: { state: "done" } } }, t2);
    expect(passed.map((i) => [i.key, i.state])).toEqual([
      ["organization", "done"],
      ["documents", "done"],
    ]);
    const issued = buildChecklist(passed, { ...base, steps: {}, issued: true }, t2);
    expect(issued.find((i) => i.key === "documents")).toMatchObject({ state: "done" });
  });

  it("words the identity check and its documents for a natural person", () => {
    const list = buildChecklist(
      [],
      {
        ...base,
        naturalPerson: true,
        steps: { organization: { state: "waiting_customer" } },
        uploadUrl: "https://x.example/u",
      },
      t1,
    );
    expect(list.map((i) => i.label)).toEqual(["Identity check", "Documents for Sectigo"]);
    expect(list[1]!.detail).toMatch(/identity document/);
    expect(list.map((i) => i.detail).join(" ")).not.toMatch(/company|organization/i);
  });

  it("has one item per domain, waiting for the customer until Sectigo confirms it", () => {
    const list = buildChecklist(
      [],
      {
        ...base,
        steps: {},
        domains: [
          { domainName: "example.eu", method: "HTTP_CSR_HASH", status: "validated" },
          { domainName: "www.example.eu", method: "CNAME_CSR_HASH", status: "pending" },
          { domainName: "api.example.eu", method: "EMAIL", status: "failed" },
        ],
      },
      t1,
    );
    expect(list.map((i) => [i.key, i.state])).toEqual([
      ["dcv:example.eu", "done"],
      ["dcv:www.example.eu", "waiting_customer"],
      ["dcv:api.example.eu", "failed"],
    ]);
    expect(list[1]!.detail).toMatch(/Publish the value/);
  });

  it("follows token shipping to its tracking number", () => {
    const waiting = buildChecklist([], { ...base, steps: {}, shipsToken: true }, t1);
    expect(waiting).toMatchObject([{ key: "shipping", state: "waiting_ca" }]);
    const shipped = buildChecklist(
      waiting,
      { ...base, steps: {}, shipsToken: true, trackingNumber: "1Z999" },
      t2,
    );
    expect(shipped).toMatchObject([{ key: "shipping", state: "done", changedAt: t2.toISOString() }]);
    expect(shipped[0]!.detail).toContain("1Z999");
  });

  it("marks every step done once the certificate is issued", () => {
    const list = buildChecklist([], { ...base, issued: true }, t1);
    expect(list.every((i) => i.state === "done")).toBe(true);
  });

  it("reads back only well-formed stored items", () => {
    const good = buildChecklist([], base, t1);
    expect(storedChecklist([...good, { key: 1 }, null, "x", { ...good[0], state: "bogus" }])).toEqual(good);
    expect(storedChecklist({})).toEqual([]);
  });
});
