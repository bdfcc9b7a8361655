import { validateOrder } from "@/lib/api/orders";

// POST /api/v1/orders/validate: the wizard's full checks of an order's input, nothing stored or sent.
export const dynamic = "force-dynamic";
export const POST = validateOrder;
