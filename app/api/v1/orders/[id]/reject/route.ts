import { rejectOrderRoute } from "@/lib/api/orders";

// POST /api/v1/orders/{id}/reject: an approver key rejects an order awaiting approval.
export const dynamic = "force-dynamic";
export const POST = rejectOrderRoute;
