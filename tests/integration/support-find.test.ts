import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { findOrdersForStaff } from "@/lib/orders/queries/search";
import { isRefusal } from "@/lib/refusal";
import type { SessionUser } from "@/lib/users/data";
import { newUser, startTestbed, submitNewOrder, type Testbed } from "./order-harness";

// Support's "Find an order": any customer's order, by its numbers or the customer's e-mail, for
// staff only.

let bed: Testbed;
let customer: SessionUser;

beforeAll(async () => {
  bed = await startTestbed("support_find");
});
afterAll(async () => {
  await bed?.close();
});
beforeEach(async () => {
  await bed.reset();
  customer = await newUser("CUSTOMER");
});

describe("finding an order as support", () => {
  test("by our number, Sectigo's number and the customer's e-mail; never for a customer", async () => {
    const placed = await submitNewOrder(customer, bed.input);
    const other = await submitNewOrder(await newUser("CUSTOMER"), bed.input);
    const support = await newUser("SUPPORT");

    const byNumber = await findOrdersForStaff(support, { q: placed.externalOrderNumber });
    expect(byNumber.map((o) => o.id)).toEqual([placed.id]);
    const bySectigo = await findOrdersForStaff(support, { q: placed.sectigoOrderNumber! });
    expect(bySectigo.map((o) => o.id)).toEqual([placed.id]);
    const byEmail = await findOrdersForStaff(support, { q: customer.email });
    expect(byEmail.map((o) => o.id)).toEqual([placed.id]);
    expect(byEmail[0]).toMatchObject({ status: "PLACED", owner: { email: customer.email } });
    expect(byEmail[0]).not.toHaveProperty("totalCost");
    expect((await findOrdersForStaff(await newUser("ADMIN"), { q: other.externalOrderNumber })).length).toBe(
      1,
    );

    const refused = await findOrdersForStaff(customer, { q: placed.externalOrderNumber }).catch((e) => e);
    expect(isRefusal(refused) && refused.code).toBe("forbidden");
  });
});
