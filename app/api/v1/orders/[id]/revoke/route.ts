import { revokeOrder } from "@/lib/api/orders";

// POST /api/v1/orders/{id}/revoke: revokes an issued certificate at Sectigo.
export const dynamic = "force-dynamic";
export const POST = revokeOrder;
