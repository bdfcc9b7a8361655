import { submitOrderRoute } from "@/lib/api/orders";

// POST /api/v1/orders/{id}/submit: sends the stored draft (or holds it for approval), as the wizard does.
export const dynamic = "force-dynamic";
export const POST = submitOrderRoute;
