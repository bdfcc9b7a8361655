"use server";

import { revalidatePath } from "next/cache";
import { guardedAction, type ActionState } from "@/lib/actions";
import { ADMIN } from "@/lib/auth/roles";
import { removePrice, removeVatRate, setPrice, setVatRate } from "@/lib/prices/admin";
import {
  removePriceSchema,
  removeVatRateSchema,
  setPriceSchema,
  setVatRateSchema,
} from "@/lib/prices/schemas";

function revalidate(): void {
  revalidatePath("/admin/prices");
  revalidatePath("/admin/audit");
}

export const setPriceAction = guardedAction(
  { roles: ADMIN, schema: setPriceSchema },
  async (admin, input): Promise<ActionState> => {
    const row = await setPrice(admin, input);
    revalidate();
    return {
      ok: true,
      message: `Price saved: ${row.net.toFixed(2)} ${row.currency} (version ${row.version}).`,
    };
  },
);

export const removePriceAction = guardedAction(
  { roles: ADMIN, schema: removePriceSchema },
  async (admin, input): Promise<ActionState> => {
    await removePrice(admin, input);
    revalidate();
    return { ok: true, message: "Price removed." };
  },
);

export const setVatRateAction = guardedAction(
  { roles: ADMIN, schema: setVatRateSchema },
  async (admin, input): Promise<ActionState> => {
    const row = await setVatRate(admin, input);
    revalidate();
    return { ok: true, message: `VAT rate for ${row.countryCode} saved: ${row.rate.toFixed(2)} %.` };
  },
);

export const removeVatRateAction = guardedAction(
  { roles: ADMIN, schema: removeVatRateSchema },
  async (admin, { countryCode }): Promise<ActionState> => {
    await removeVatRate(admin, countryCode);
    revalidate();
    return { ok: true, message: `VAT rate for ${countryCode} removed.` };
  },
);
