"use server";

import { revalidatePath } from "next/cache";
import { guardedAction, type ActionState } from "@/lib/actions";
import { ADMIN } from "@/lib/auth/roles";
import { setOrderServerSoftware } from "@/lib/orders/commands/set-server-software";
import { serverSoftwareSchema } from "@/lib/orders/model/server-software-schema";
import { PARAMS } from "@/lib/sectigo/registry";

/** An admin sets the serverSoftware code of an order that has not been placed yet (audited). */
export const setServerSoftwareAction = guardedAction(
  { roles: ADMIN, schema: serverSoftwareSchema },
  async (admin, input): Promise<ActionState> => {
    const result = await setOrderServerSoftware(admin, input);
    revalidatePath(`/admin/orders/${result.orderId}`);
    revalidatePath("/admin/audit");
    const label = PARAMS.serverSoftware.values.find((v) => v.value === String(result.serverSoftware))?.label;
    return {
      ok: true,
      message: `Server software set to ${label ?? result.serverSoftware}; sent with the next send.`,
    };
  },
);
