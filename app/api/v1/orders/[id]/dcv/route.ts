import { changeDcv, getDcv } from "@/lib/api/orders";

// GET /api/v1/orders/{id}/dcv: each domain's validation method and values; POST: change a method.
export const dynamic = "force-dynamic";
export const GET = getDcv;
export const POST = changeDcv;
