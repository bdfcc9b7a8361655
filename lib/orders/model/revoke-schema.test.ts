import { describe, expect, it } from "vitest";
import { z } from "zod";
import { revocationReasonsFor } from "@/lib/sectigo/after-ordering";
import { revokeInputSchema } from "./revoke-schema";

const form = (fields: Record<string, string>) => ({ orderId: "o1", confirm: "yes", ...fields });
const errorsOf = (value: unknown) => {
  const parsed = revokeInputSchema.safeParse(value);
  return parsed.success ? {} : z.flattenError(parsed.error).fieldErrors;
};

describe("the cancel / revoke form's input", () => {
  it("asks for a reason in words when none was chosen (the select posts an empty value)", () => {
    expect(errorsOf(form({ action: "cancel", reasonCode: "" }))).toEqual({
      reasonCode: ["Choose a reason from the list."],
    });
    expect(errorsOf(form({ action: "revoke" }))).toEqual({ reasonCode: ["Choose a reason from the list."] });
    expect(JSON.stringify(errorsOf(form({ action: "revoke", reasonCode: "x" })))).not.toMatch(/NaN/);
  });

  it("carries the action the customer confirmed, and refuses a request without one", () => {
    expect(revokeInputSchema.parse(form({ action: "cancel", reasonCode: "5" }))).toMatchObject({
      action: "cancel",
      reasonCode: 5,
    });
    expect(errorsOf(form({ reasonCode: "5" })).action).toBeDefined();
    expect(errorsOf(form({ action: "suspend", reasonCode: "5" })).action).toBeDefined();
  });

  it("accepts only the reasons that fit the action: no key compromise for an order never issued", () => {
    expect(revocationReasonsFor("cancel").map((r) => r.code)).toEqual([0, 3, 4, 5]);
    expect(revocationReasonsFor("revoke").map((r) => r.code)).toEqual([0, 1, 3, 4, 5]);
    expect(revocationReasonsFor("cancel").map((r) => r.label)).not.toContain(
      "The private key was lost or exposed",
    );
    expect(errorsOf(form({ action: "cancel", reasonCode: "1" }))).toEqual({
      reasonCode: ["Choose a reason from the list."],
    });
    expect(errorsOf(form({ action: "revoke", reasonCode: "1" }))).toEqual({});
    expect(errorsOf(form({ action: "revoke", reasonCode: "2" }))).toEqual({
      reasonCode: ["Choose a reason from the list."],
    });
  });
});
