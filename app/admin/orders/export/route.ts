import { getCurrentUser } from "@/lib/auth/guards";
import { exportFileName, exportOrdersCsv } from "@/lib/orders/queries/export";
import { ADMIN_FILTER_KEYS, adminOrderFiltersSchema, parseFilters } from "@/lib/orders/model/search-params";

// Always per request: the answer depends on who asks and on the data right now.
export const dynamic = "force-dynamic";

function plain(status: number, text: string): Response {
  return new Response(`${text}\n`, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** GET /admin/orders/export?<the list's filters>: the filtered order list as CSV, admins only. */
export async function GET(request: Request): Promise<Response> {
  // The proxy already sends anonymous visitors to sign-in; a session whose account was disabled
  // or deleted since still arrives here.
  const user = await getCurrentUser();
  if (!user) return plain(401, "Sign in to export orders.");
  if (user.role !== "ADMIN") return plain(403, "Only administrators can export orders.");

  const query = new URL(request.url).searchParams;
  const raw = Object.fromEntries(
    [...ADMIN_FILTER_KEYS, "sort", "dir"].map((k) => [k, query.get(k) ?? undefined]),
  );
  const { filters, errors } = parseFilters(adminOrderFiltersSchema, raw);
  // Unlike the list, which shows what it left out, a file must never quietly hold more rows than
  // the filters asked for.
  const problems = Object.entries(errors).map(([field, message]) => `${field}: ${message}`);
  if (problems.length) return plain(400, `The export was not created:\n${problems.join("\n")}`);

  return new Response(exportOrdersCsv(user, filters), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exportFileName()}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
