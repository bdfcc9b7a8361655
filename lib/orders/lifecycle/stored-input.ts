import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { OrderStatus } from "@/lib/generated/prisma/enums";
import type { DraftInput } from "@/lib/orders/model/draft-input";
import { transition } from "@/lib/orders/lifecycle/store";
import { validateOrderInput } from "@/lib/orders/lifecycle/validate";
import type { SendableOrder } from "@/lib/orders/lifecycle/send";

// Every send after the first re-reads the order's stored input. Should it no longer validate
// (stored by an older release, a rule tightened since, or a row changed by hand), sending it
// again can only fail the same way each time: the order goes to a person instead of looping.

/** failureClass of an order held because its stored input no longer validates. */
export const STORED_INPUT_INVALID = "portal:stored-input-invalid";

export type StoredInputCheck =
  | {
      ok: true;
      /** The order as a send needs it (pass it to sendOrder as `stored`). */ stored: SendableOrder;
    }
  | { ok: false; problems: string[]; field: string | null };

/** The columns a send needs, to read together with whatever else the caller reads. */
export const SENDABLE_COLUMNS = {
  input: true,
  externalOrderNumber: true,
  test: true,
  serverSoftware: true,
} as const;

/** Whether the order's stored input would still pass the submission's full validation. */
export async function checkStoredInput(
  prisma: PrismaClient | Prisma.TransactionClient,
  orderId: string,
): Promise<StoredInputCheck> {
  const order = await prisma.order.findUniqueOrThrow({ where: { id: orderId }, select: SENDABLE_COLUMNS });
  return checkSendable(order);
}

/** checkStoredInput for an order already read with SENDABLE_COLUMNS. */
export async function checkSendable(order: {
  input: Prisma.JsonValue;
  externalOrderNumber: string;
  test: boolean;
  serverSoftware: number | null;
}): Promise<StoredInputCheck> {
  const validated = await validateOrderInput((order.input ?? {}) as DraftInput);
  if (validated.ok) return { ok: true, stored: { ...order, input: validated.input } };
  const entries = Object.entries(validated.fieldErrors).filter(([, messages]) => messages?.length);
  return {
    ok: false,
    problems: [...new Set(entries.flatMap(([, messages]) => messages ?? []))],
    field: entries[0]?.[0] ?? null,
  };
}

/** The customer-facing explanation stored on the held order (support adds its own advice). */
export function storedInputMessage(problems: readonly string[]): string {
  const listed = problems.slice(0, 5).join("; ") + (problems.length > 5 ? "; …" : "");
  return (
    `The order's stored details no longer pass the portal's checks (${listed}), so it was not sent again. ` +
    "Our support team will look at it with you."
  );
}

/**
 * Moves an order whose stored input failed the check to NEEDS_REVIEW, at the version it was
 * checked at, with the problems as its failure. A concurrent change makes it TransitionRefused.
 */
export async function holdForReview(
  tx: PrismaClient | Prisma.TransactionClient,
  orderId: string,
  check: Extract<StoredInputCheck, { ok: false }>,
  options: { from: readonly OrderStatus[]; expectedVersion: number },
): Promise<void> {
  await transition(
    tx,
    orderId,
    "NEEDS_REVIEW",
    {
      nextRetryAt: null,
      failureClass: STORED_INPUT_INVALID,
      failureCode: null,
      failureMessage: storedInputMessage(check.problems),
      failureField: check.field,
    },
    options,
  );
}
