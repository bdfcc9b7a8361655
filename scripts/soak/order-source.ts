import pg from "pg";
import type { PortalClient } from "./portal-client";

// Where the checks read the portal's orders. The soak script reads its own PostgreSQL database
// directly; the browser-test variant may run on the embedded database, which only the portal's
// process can open, and reads the admin CSV export over HTTP instead (statuses only).

export interface PortalOrder {
  externalOrderNumber: string;
  status: string;
  sectigoOrderNumber: string | null;
  /** Attempts still waiting for the CA's answer; null when the source cannot tell. */
  pendingAttempts: number | null;
  /** Whether a retry job (pg-boss) is queued or running for it; null when the source cannot tell. */
  retryQueued: boolean | null;
}

export interface AttemptSummary {
  /** Sends by trigger (CUSTOMER, AUTO_RETRY, …). */
  byTrigger: Record<string, number>;
  /** Failed sends by what the portal recorded: `http 500`, `transport:unparseable`, … */
  failures: Record<string, number>;
  /** Finished sends by the class of Sectigo's HTTP status ("2xx", "5xx"), or "no answer". */
  byHttpClass: Record<string, number>;
}

export interface OrderSource {
  readonly description: string;
  /** The orders with these external numbers (absent ones are missing from the result). */
  orders(externalNumbers: string[]): Promise<PortalOrder[]>;
  /** What the portal recorded about its sends of these orders, when the source can read it. */
  attempts(externalNumbers: string[]): Promise<AttemptSummary | null>;
  close(): Promise<void>;
}

/** Reads the portal's PostgreSQL database with plain SQL (no Prisma, no server-only code). */
export function pgOrderSource(connectionString: string): OrderSource {
  const pool = new pg.Pool({ connectionString, max: 2 });
  return {
    description: "the portal's database",
    async orders(numbers) {
      const { rows: queue } = await pool.query<{ exists: boolean }>(
        `SELECT to_regclass('pgboss.job') IS NOT NULL AS exists`,
      );
      // The job table exists once a portal with the retry worker has started.
      const retryQueued = queue[0]?.exists
        ? `EXISTS (SELECT 1 FROM pgboss.job j WHERE j.name = 'order-retry' AND j.data->>'orderId' = o.id
                      AND j.state IN ('created', 'retry', 'active'))`
        : "NULL::boolean";
      const { rows } = await pool.query<{
        externalOrderNumber: string;
        status: string;
        sectigoOrderNumber: string | null;
        pending: number;
        retryQueued: boolean | null;
      }>(
        `SELECT o."externalOrderNumber", o.status::text AS status, o."sectigoOrderNumber",
                (SELECT count(*)::int FROM "OrderAttempt" a
                  WHERE a."orderId" = o.id AND a.outcome = 'PENDING') AS pending,
                ${retryQueued} AS "retryQueued"
           FROM "Order" o WHERE o."externalOrderNumber" = ANY($1::text[])`,
        [numbers],
      );
      return rows.map(({ pending, ...r }) => ({ ...r, pendingAttempts: pending }));
    },
    async attempts(numbers) {
      const { rows } = await pool.query<{ trigger: string; failure: string | null; n: number }>(
        `SELECT a.trigger::text AS trigger,
                CASE WHEN a.outcome IN ('PLACED', 'PENDING') THEN NULL
                     WHEN a."httpStatus" >= 500 THEN 'http ' || a."httpStatus"
                     ELSE coalesce(a."errorClass", a.outcome::text) END AS failure,
                count(*)::int AS n
           FROM "OrderAttempt" a JOIN "Order" o ON o.id = a."orderId"
          WHERE o."externalOrderNumber" = ANY($1::text[])
          GROUP BY 1, 2`,
        [numbers],
      );
      const summary: AttemptSummary = { byTrigger: {}, failures: {}, byHttpClass: {} };
      for (const r of rows) {
        summary.byTrigger[r.trigger] = (summary.byTrigger[r.trigger] ?? 0) + r.n;
        if (r.failure) summary.failures[r.failure] = (summary.failures[r.failure] ?? 0) + r.n;
      }
      const { rows: classes } = await pool.query<{ class: string; n: number }>(
        `SELECT CASE WHEN a."httpStatus" IS NULL THEN 'no answer' ELSE (a."httpStatus" / 100) || 'xx' END AS class,
                count(*)::int AS n
           FROM "OrderAttempt" a JOIN "Order" o ON o.id = a."orderId"
          WHERE o."externalOrderNumber" = ANY($1::text[]) AND a.outcome <> 'PENDING'
          GROUP BY 1`,
        [numbers],
      );
      for (const r of classes) summary.byHttpClass[r.class] = r.n;
      return summary;
    },
    close: () => pool.end(),
  };
}

/** RFC 4180 rows (quoted fields may hold commas, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const body = text.replace(/^\uFEFF/, "");
  const endField = () => {
    row.push(field);
    field = "";
  };
  const endRow = () => {
    endField();
    out.push(row);
    row = [];
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (body[i + 1] === '"') field += body[++i];
      else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ",") endField();
    else if (c === "\r" && body[i + 1] === "\n") continue;
    else if (c === "\n" || c === "\r") endRow();
    else field += c;
  }
  if (field !== "" || row.length) endRow();
  return out;
}

/** Reads the admin CSV export through an administrator's session. */
export function exportOrderSource(admin: PortalClient): OrderSource {
  return {
    description: "the admin CSV export",
    async orders(numbers) {
      const wanted = new Set(numbers);
      const [header = [], ...rows] = parseCsv(await admin.get("/admin/orders/export"));
      const col = (name: string) => {
        const i = header.indexOf(name);
        if (i < 0) throw new Error(`the export has no column "${name}"`);
        return i;
      };
      const [fon, status, sectigo] = [
        col("External order number"),
        col("Status"),
        col("Sectigo order number"),
      ];
      return rows
        .filter((r) => wanted.has(r[fon] ?? ""))
        .map((r) => ({
          externalOrderNumber: r[fon]!,
          status: r[status] ?? "",
          sectigoOrderNumber: r[sectigo] || null,
          pendingAttempts: null,
          retryQueued: null,
        }));
    },
    attempts: async () => null,
    close: async () => {},
  };
}
