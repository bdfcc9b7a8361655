import { getOrder, updateOrder } from "@/lib/api/orders";

// GET /api/v1/orders/{id}: status, checklist, timeline; PATCH: save a draft at its version.
export const dynamic = "force-dynamic";
export const GET = getOrder;
export const PATCH = updateOrder;
