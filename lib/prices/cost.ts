import { ADMIN, hasRole } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/users/data";

// Sectigo's answer carries totalCost, the reseller's purchase price: admins only see it. Support
// reads raw answers to rescue orders, so for them the amount is masked in the text.

const HIDDEN = "(cost: admins only)";

/** A raw CA answer with its totalCost masked (both response formats of spec §4.2). */
export function withoutCost(body: string | null): string | null {
  if (body === null) return null;
  const encoded = body.replace(/(totalCost=)[^&\s]*/gi, `$1${HIDDEN}`);
  if (encoded !== body) return encoded;
  // Plain text: status, order number, cost, ... one per line.
  const lines = body.split(/(\r?\n)/);
  if (/^\s*\uFEFF?[01]\s*$/.test(lines[0] ?? "") && lines.length > 4) lines[4] = HIDDEN;
  return lines.join("");
}

/** An attempt as a staff member may see it: support without the cost, admins with it. */
export function costFor<T extends { responseBody?: string | null }>(user: SessionUser, attempt: T): T {
  if (hasRole(user, ADMIN) || attempt.responseBody === undefined) return attempt;
  return { ...attempt, responseBody: withoutCost(attempt.responseBody) };
}
