"use server";

import { after } from "next/server";
import { headers } from "next/headers";
import { invalid, unstorableInput, type ActionState } from "@/lib/actions";
import { clientAddress } from "@/lib/auth/address";
import { RESET_REQUEST_NOTICE, requestPasswordReset } from "@/lib/users/password-reset";
import { emailOnlySchema } from "@/lib/users/schemas";

// Anonymous by design. The answer is the same for every well-formed address, and the lookup and
// mail happen after it has been sent (next/server's after), so its timing cannot tell either.
export async function forgotPasswordAction(
  _previous: ActionState | undefined,
  raw: unknown,
): Promise<ActionState> {
  const unstorable = unstorableInput(raw);
  if (unstorable) return unstorable;
  const parsed = await emailOnlySchema.safeParseAsync(
    raw instanceof FormData ? Object.fromEntries(raw) : raw,
  );
  if (!parsed.success) return invalid(parsed.error);
  const address = clientAddress(await headers());
  after(() => requestPasswordReset(parsed.data.email, address));
  return { ok: true, message: RESET_REQUEST_NOTICE };
}
