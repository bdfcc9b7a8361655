import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isEmptyValue } from "@/lib/orders/model/prefill";
import { getProduct } from "@/lib/sectigo/products";
import { profileOrderValues, validatedValuesOf } from "./profile-diff";
import { storedProfileValues } from "./profile-fields";

// Where orders meet company profiles on the server: a new draft takes the profile's values, and
// an order Sectigo issued leaves a record of the values it validated.

type Tx = Prisma.TransactionClient;

/**
 * The draft input with its empty organization fields filled from the organization's profile,
 * for the draft's product; values the customer gave are kept. Personal organizations have none.
 */
export async function prefillFromProfile<T extends Record<string, unknown>>(
  tx: Tx,
  organizationId: string,
  input: T,
): Promise<T> {
  const product = getProduct(input.product);
  if (!product) return input;
  const profile = await tx.organizationProfile.findUnique({
    where: { organizationId },
    select: { values: true, organization: { select: { personal: true } } },
  });
  if (!profile || profile.organization.personal) return input;
  const filled: Record<string, unknown> = { ...input };
  for (const [key, value] of Object.entries(profileOrderValues(product, storedProfileValues(profile.values))))
    if (isEmptyValue(filled[key])) filled[key] = value;
  return filled as T;
}

/**
 * Records, in the transaction that marks the order issued, which organization values Sectigo
 * validated with it: the profile fields the order's product used. Orders of personal
 * organizations leave none (a private person has no company profile).
 */
export async function recordProfileValidation(tx: Tx, orderId: string, at: Date): Promise<void> {
  const order = await tx.order.findUnique({
    where: { id: orderId },
    select: { organizationId: true, input: true, organization: { select: { personal: true } } },
  });
  if (!order || order.organization.personal) return;
  const values = validatedValuesOf((order.input ?? {}) as Record<string, unknown>);
  if (!values) return;
  await tx.organizationValidation.upsert({
    where: { orderId },
    create: { orderId, organizationId: order.organizationId, values, validatedAt: at },
    update: {},
  });
}
