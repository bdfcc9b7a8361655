import { z } from "zod";
import { FIELD_KEYS, PARAMS, type ParamDef } from "@/lib/sectigo/registry";
import { UNSTORABLE, UNSTORABLE_MESSAGE } from "@/lib/text";

// A draft holds whatever the customer has typed so far, unvalidated, so nothing is lost between
// steps. It is still bounded: only known fields, primitive values, each within its registry
// length (with headroom), so a draft cannot be used to store arbitrary or oversized data.
const LIST_MAX_ITEMS = 100;

function text(max: number) {
  return z
    .string()
    .max(max)
    .refine((value) => !UNSTORABLE.test(value), UNSTORABLE_MESSAGE);
}

function valueSchema(def: ParamDef) {
  const max = Math.max((def.max ?? 32) * 2, 64);
  return z.union([
    text(max),
    z.number().finite(),
    z.boolean(),
    z.array(text(253)).max(LIST_MAX_ITEMS),
    z.null(),
  ]);
}

/** An order id as the portal issues them (cuid); anything else cannot name an order. */
export const orderIdSchema = z
  .string()
  .max(40)
  .regex(/^[A-Za-z0-9_-]*$/, "This order does not exist");

const shape = Object.fromEntries(FIELD_KEYS.map((key) => [key, valueSchema(PARAMS[key]).optional()]));

export const draftInputSchema = z.object(shape).strip();

export type DraftInput = z.infer<typeof draftInputSchema>;

export const STEP_IDS = [
  "product",
  "validity",
  "csr",
  "organization",
  "details",
  "shipping",
  "contacts",
  "review",
] as const;

/** The order's version as the tab last saw it (it changes on every write). */
const versionSchema = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1);

export const saveDraftSchema = z
  .object({
    orderId: orderIdSchema.optional(),
    version: versionSchema.optional(),
    input: draftInputSchema,
    step: z.enum(STEP_IDS),
    test: z.boolean().default(false),
    /** Whose order a new draft is (the first save only); the personal organization when absent. */
    organizationId: z
      .string()
      .max(40)
      .regex(/^[A-Za-z0-9_-]+$/)
      .optional(),
  })
  // A save from a tab that never learnt the version could overwrite what another tab just sent.
  .refine((value) => !value.orderId || value.version !== undefined, {
    path: ["version"],
    message: "Reload the order: this window does not know its latest version.",
  });

export const submitOrderSchema = z.object({
  orderId: orderIdSchema.min(1),
  /**
   * The version the wizard last saved at; a change since (another window) refuses the send. The
   * store before the send is conditional on the version the server read either way.
   */
  version: versionSchema.optional(),
  /** Validated by orderInputSchema in the lifecycle, after the draft shape check here. */
  input: draftInputSchema,
  /** The quote the review step showed (lib/prices); the server refuses a different current one. */
  quoteKey: z.string().max(500).optional(),
  test: z.boolean().default(false),
  /** Support only: why they edit or send a customer's order (kept in the audit trail). */
  reason: z.string().max(1000).optional(),
  /** Support only: send a customer's draft they have not finished (needs a reason; audited). */
  overrideUnfinished: z.boolean().default(false),
});

export const deleteDraftSchema = z.object({ orderId: orderIdSchema.min(1) });

export const previewSchema = z.object({ input: draftInputSchema, test: z.boolean().default(false) });
