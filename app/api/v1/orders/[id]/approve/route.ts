import { approveOrderRoute } from "@/lib/api/orders";

// POST /api/v1/orders/{id}/approve: an approver key approves and sends an order awaiting approval.
export const dynamic = "force-dynamic";
export const POST = approveOrderRoute;
