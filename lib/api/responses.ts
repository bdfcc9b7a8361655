import { z } from "zod";
import { OrderStatus } from "@/lib/generated/prisma/enums";
import { DCV_METHODS } from "@/lib/sectigo/after-ordering";

// The answers of /api/v1 as the OpenAPI document describes them. The contract test validates
// every answer against the document, so these are checked against what the routes really send.
// Objects are open (more members may appear); the members named here are always present.

const instant = z.iso.datetime().meta({ description: "An instant (ISO 8601, UTC)." });
const nullableInstant = instant.nullable();

export const problemSchema = z
  .looseObject({
    type: z.string().meta({ description: "A URI naming the kind of problem (stable; branch on it)." }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z
      .record(z.string(), z.array(z.string()))
      .optional()
      .meta({ description: "Field errors, keyed like the order form's fields (`input.csr`, `version`)." }),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details." });

const price = z.object({ net: z.string(), currency: z.string() }).nullable();

export const productsSchema = z.object({
  products: z.array(
    z.looseObject({
      code: z.number().int(),
      name: z.string(),
      explanation: z.string(),
      person: z.enum(["natural", "legal"]),
      qwac: z.boolean(),
      psd2: z.boolean(),
      qscd: z.boolean(),
      multiDomain: z.boolean(),
      days: z.array(z.number().int()),
      rules: z
        .record(z.string(), z.enum(["required", "optional", "forbidden"]))
        .meta({ description: "Each order field: required, optional or forbidden for this product." }),
      prices: z.array(z.object({ days: z.number().int(), price })),
    }),
  ),
  revocationReasons: z.object({
    cancel: z.array(z.object({ code: z.number().int(), label: z.string() })),
    revoke: z.array(z.object({ code: z.number().int(), label: z.string() })),
  }),
});

export const validationSchema = z.object({
  valid: z.boolean(),
  errors: z.record(z.string(), z.array(z.string())),
});

const orderRow = {
  id: z.string(),
  externalOrderNumber: z.string(),
  sectigoOrderNumber: z.string().nullable(),
  productCode: z.number().int().nullable(),
  status: z.enum(OrderStatus),
  organizationName: z.string().nullable(),
  commonName: z.string().nullable(),
  test: z.boolean(),
  createdAt: instant,
  updatedAt: instant,
};

const domainSchema = z.looseObject({
  domainName: z.string(),
  method: z.enum(DCV_METHODS).nullable().optional(),
  values: z.looseObject({}).nullable(),
});

export const orderSchema = z
  .looseObject({
    ...orderRow,
    version: z.number().int().meta({ description: "Send it back with the next write of this order." }),
    submittedAt: nullableInstant,
    placedAt: nullableInstant,
    tracking: z.looseObject({
      status: z.enum(OrderStatus),
      caStatus: z.string().nullable(),
      checklist: z.array(z.looseObject({ key: z.string(), state: z.string() })),
      domains: z.array(domainSchema),
      certificate: z.looseObject({}).nullable(),
    }),
    timeline: z.array(z.looseObject({ kind: z.string(), at: instant, summary: z.string() })),
  })
  .meta({ id: "Order" });

export const orderListSchema = z.object({
  orders: z.array(z.looseObject(orderRow)),
  after: z
    .string()
    .nullable()
    .meta({ description: "Cursor of the next page (`?after=`), null on the last." }),
  before: z
    .string()
    .nullable()
    .meta({ description: "Cursor of the previous page (`?before=`), null on the first." }),
});

export const endResultSchema = z.object({ message: z.string(), order: orderSchema });
export const dcvSchema = z.object({ domains: z.array(domainSchema) });
export const dcvChangedSchema = z.object({ message: z.string(), domains: z.array(domainSchema) });
