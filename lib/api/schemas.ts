import { z } from "zod";
import { DCV_METHODS } from "@/lib/sectigo/after-ordering";
import { draftInputSchema } from "@/lib/orders/model/draft-input";
import { rejectionReasonSchema } from "@/lib/orders/approval/schemas";

// The bodies of /api/v1's writes: the wizard's own schemas (draftInputSchema, the approval and
// DCV fields) wrapped in the API's envelopes. The OpenAPI document is generated from these.

const version = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1)
  .describe("The order's version as last read; a write from an older version is refused (409).");

const input = draftInputSchema.describe(
  "The order's fields under the wizard's keys (GET /products lists which a product needs).",
);

export const validateOrderBody = z.object({ input });
export const createOrderBody = z.object({ input, test: z.boolean().default(false) });
export const updateOrderBody = z.object({ version, input, test: z.boolean().default(false) });
export const submitOrderBody = z.object({
  version,
  quoteKey: z
    .string()
    .max(500)
    .optional()
    .describe("The quote the client showed (GET /orders/{id} quote.key); a different current price refuses."),
});
export const decideOrderBody = z.object({ version });
export const rejectOrderBody = z.object({ version, reason: rejectionReasonSchema });
export const endOrderBody = z.object({
  reasonCode: z.number().int().describe("Sectigo's reason code (GET /products lists the codes)."),
  reasonText: z.string().trim().max(1024).default(""),
});
export const dcvChangeBody = z.object({
  domainName: z.string().trim().toLowerCase().min(1).max(253),
  method: z.enum(DCV_METHODS),
  email: z.string().trim().toLowerCase().max(254).optional().default(""),
});
