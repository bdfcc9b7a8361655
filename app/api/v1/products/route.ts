import { listProducts } from "@/lib/api/orders";

// GET /api/v1/products: every product with its field rules, validity periods and prices.
export const dynamic = "force-dynamic";
export const GET = listProducts;
