import { getCertificate } from "@/lib/api/orders";

// GET /api/v1/orders/{id}/certificate?format=pem|der|chain|p7b: the issued certificate.
export const dynamic = "force-dynamic";
export const GET = getCertificate;
