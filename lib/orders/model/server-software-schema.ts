import { z } from "zod";
import { orderIdSchema } from "@/lib/orders/model/draft-input";
import { reasonSchema } from "@/lib/orders/model/support-schemas";
import { PARAMS } from "@/lib/sectigo/registry";

// An admin's server-software code for one order (registry row 5, `source: "admin"`). Shared by
// the admin form (zodResolver) and the action (safeParse).

/** The codes Sectigo lists, as the registry spells them; "-1" ("other") is the portal default. */
export const SERVER_SOFTWARE_OPTIONS = PARAMS.serverSoftware.values;

const CODES = new Set<string>(SERVER_SOFTWARE_OPTIONS.map((option) => option.value));

export const serverSoftwareSchema = z.object({
  orderId: orderIdSchema.min(1),
  serverSoftware: z
    .string()
    .trim()
    .refine((code) => CODES.has(code), "Choose one of the listed server software codes."),
  reason: reasonSchema,
});

export type ServerSoftwareInput = z.input<typeof serverSoftwareSchema>;
