import { OrderStatus } from "@/lib/generated/prisma/enums";
import { STATUS_LABELS } from "@/lib/orders/model/status";
import { PRODUCTS } from "@/lib/sectigo/products";

// Choices of the order filter forms. Several states share a customer-facing label ("With
// support"), so staff see the state's own name next to it.

export const productOptions = [
  { value: "", label: "All products" },
  ...PRODUCTS.map((p) => ({ value: String(p.code), label: `${p.name} (${p.code})` })),
];

export const adminStatusOptions = [
  { value: "", label: "All statuses" },
  ...Object.values(OrderStatus).map((s) => ({ value: s, label: `${STATUS_LABELS[s].label} (${s})` })),
];

/**
 * Customers filter by what they see on the badge. A label shared by several states is offered
 * once, under the first of them; listCustomerOrders matches every state with that label.
 */
export const customerStatusOptions = [
  { value: "", label: "All statuses" },
  ...Object.values(OrderStatus)
    .filter((s) => s !== "DRAFT")
    .map((s) => ({ value: s, label: STATUS_LABELS[s].label }))
    .filter((o, i, all) => all.findIndex((x) => x.label === o.label) === i),
];

export const modeOptions = [
  { value: "", label: "Test and live" },
  { value: "live", label: "Live orders only" },
  { value: "test", label: "Test orders only" },
];
