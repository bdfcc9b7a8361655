import { cancelOrder } from "@/lib/api/orders";

// POST /api/v1/orders/{id}/cancel: cancels a placed order at Sectigo.
export const dynamic = "force-dynamic";
export const POST = cancelOrder;
