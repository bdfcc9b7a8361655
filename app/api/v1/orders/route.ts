import { createOrder, listOrders } from "@/lib/api/orders";

// GET /api/v1/orders: the organization's orders (keyset pages); POST: a new draft.
export const dynamic = "force-dynamic";
export const GET = listOrders;
export const POST = createOrder;
