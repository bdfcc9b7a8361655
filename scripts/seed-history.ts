import { randomInt } from "node:crypto";
import { parseArgs } from "node:util";
import pg from "pg";
import { applyMigrations, pgExecutor } from "@/lib/db/migrate";
import { env } from "@/lib/env";

// `npm run seed-history -- --orders 1000000 --customers 10000`: fills a PostgreSQL server database
// with a realistic order history for load and query-plan testing. Rows are generated inside the
// database (INSERT … SELECT generate_series) in batches, so a million orders take seconds rather
// than a million round trips. Seeded customers cannot sign in (their password hash is not a hash).

const BATCH = 100_000;

/** A word list written compactly: entries separated by "|" (or by spaces when there is none). */
const list = (text: string) => text.trim().split(text.includes("|") ? /\s*\|\s*/ : /\s+/);

const FIRST = list(`anna ben clara david eva felix greta hugo ines jonas katrin lukas marie nils olga paul
  rosa sven tina ulrich vera willem xenia yusuf zoe`);
const LAST = list(`schmidt muller dubois rossi garcia novak jansen nowak silva andersen kowalski martin
  bauer lambert ferrari horvath nielsen peeters costa weber`);
const STEMS = list(`Acme | Aurora | Baltic | Blue Harbor | Cobalt | Danube | Edelweiss | Fjord | Granite |
  Helios | Iberia | Juniper | Krone | Lumen | Meridian | Nordic | Olive | Pioneer | Quantum | Riverside |
  Silverline | Tatra | Unity | Vistula | Westwind | Alpine | Brightpath | Citadel | Delta | Evergreen`);
const WORDS = list(`Trust | Logistics | Bank | Energy | Health | Payments | Software | Insurance | Telecom |
  Consulting | Foods | Motors | Pharma | Capital | Systems | Notary | Legal | Media | Retail | Labs`);
const SUFFIXES = list("GmbH | AG | S.A. | B.V. | Sp. z o.o. | S.r.l. | Oy | AB | Ltd | SAS | s.r.o. | ApS");
const DOMAINS = ["example.com", "example.org", "example.net", "mail.example", "corp.example"];
const TLDS = ["eu", "de", "fr", "nl", "pl", "it", "es", "at"];
// Weighted by repetition: employee and legal QWAC certificates sell most.
const PRODUCTS = [
  777, 777, 778, 779, 779, 779, 780, 781, 781, 782, 783, 783, 783, 784, 784, 786, 787, 788, 789, 791, 792,
];

// Organisation of customer c: every order of one customer carries the same organisation name.
function orgSql(c: string): string {
  return `(($3::text[])[1 + ${c} % cardinality($3::text[])] || ' ' ||
           ($4::text[])[1 + (${c} / cardinality($3::text[])) % cardinality($4::text[])] || ' ' ||
           ($5::text[])[1 + (${c} / (cardinality($3::text[]) * cardinality($4::text[]))) % cardinality($5::text[])])`;
}

const USERS_SQL = `
INSERT INTO "User" (id, email, name, "passwordHash", role, "createdAt", "updatedAt")
SELECT $3 || 'u' || g,
       ($1::text[])[1 + g % cardinality($1::text[])] || '.' || ($2::text[])[1 + (g / 7) % cardinality($2::text[])]
         || g || '@' || $3 || '.' || ($4::text[])[1 + g % cardinality($4::text[])],
       initcap(($1::text[])[1 + g % cardinality($1::text[])]) || ' ' || initcap(($2::text[])[1 + (g / 7) % cardinality($2::text[])]),
       '!seeded-history-account-cannot-sign-in', 'CUSTOMER',
       now() - interval '1200 days' * random(), now()
FROM generate_series(1, $5::int) g`;

// Bijective scrambling of g + offset into 40 bits, spelled like newExternalOrderNumber().
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const EXTERNAL_SQL = (() => {
  const n = `((((s.g + $10::bigint) * 625341585) & 1099511627775))`;
  const char = (shift: number) => `substr('${ALPHABET}', ((${n} >> ${shift}) & 31)::int + 1, 1)`;
  return `'EQ-' || ${[35, 30, 25, 20].map(char).join(" || ")} || '-' || ${[15, 10, 5, 0].map(char).join(" || ")}`;
})();

const ORDERS_SQL = `
WITH s AS (
  SELECT g,
         1 + floor(power(random(), 2.2) * $7::int)::int AS c,
         random() AS rs, random() AS rp, random() AS rt, random() AS rd,
         -- Rising over three years (a growing business), in insertion order as real orders are,
         -- so the table's physical order follows createdAt as it would in production.
         now() - interval '1095 days' * power(1 - (g - 1)::float8 / $13::int, 1.4)
           + interval '1 minute' * random() AS created
  FROM generate_series($8::int, $9::int) g
), t AS (
  SELECT s.*, ${EXTERNAL_SQL} AS ext,
         (CASE WHEN rs < 0.06 THEN 'DRAFT' WHEN rs < 0.065 THEN 'SUBMITTING' WHEN rs < 0.80 THEN 'PLACED'
               WHEN rs < 0.81 THEN 'NEEDS_RECONCILIATION' WHEN rs < 0.87 THEN 'REJECTED'
               WHEN rs < 0.875 THEN 'ACCOUNT_PROBLEM' WHEN rs < 0.88 THEN 'RETRY_SCHEDULED'
               WHEN rs < 0.895 THEN 'FAILED_TRANSIENT' WHEN rs < 0.905 THEN 'OUTCOME_UNKNOWN'
               WHEN rs < 0.92 THEN 'NEEDS_REVIEW' ELSE 'CANCELLED' END)::"OrderStatus" AS status,
         CASE WHEN rs < 0.06 AND rp < 0.3 THEN NULL
              ELSE ($11::int[])[1 + floor(rp * cardinality($11::int[]))::int] END AS product,
         ${orgSql("s.c")} AS org
  FROM s
)
INSERT INTO "Order" (id, "ownerId", "organizationId", "productCode", days, status, "externalOrderNumber", "sectigoOrderNumber",
                     "totalCost", "organizationName", "commonName", test, "submittedAt", "placedAt", "createdAt", "updatedAt")
SELECT $6 || 'o' || g, $6 || 'u' || c, $6 || 'u' || c, product,
       CASE WHEN product IS NULL THEN NULL WHEN product IN (783, 784, 788, 789, 791, 792) THEN 365 ELSE 365 * (1 + (g % 3)) END,
       status, ext,
       CASE WHEN status IN ('PLACED', 'NEEDS_RECONCILIATION', 'CANCELLED') AND rd < 0.97
            THEN (10000000 + (g + $10::bigint) % 89999999)::text END,
       CASE WHEN status = 'PLACED' THEN 90 + (product - 777) * 15.5 END,
       org,
       CASE WHEN product IS NULL THEN NULL
            WHEN product IN (783, 784, 788, 789, 791, 792)
              THEN 'www.' || trim(both '-' from lower(regexp_replace(org, '[^A-Za-z0-9]+', '-', 'g'))) || '.' || ($12::text[])[1 + c % cardinality($12::text[])]
            WHEN product IN (781, 782, 786, 787) THEN org
            ELSE initcap(($1::text[])[1 + g % cardinality($1::text[])]) || ' ' || initcap(($2::text[])[1 + (g / 3) % cardinality($2::text[])]) END,
       rt < 0.03,
       CASE WHEN status <> 'DRAFT' THEN created + interval '1 minute' * (1 + rd * 600) END,
       CASE WHEN status IN ('PLACED', 'NEEDS_RECONCILIATION') THEN created + interval '1 minute' * (2 + rd * 600) END,
       created,
       created + interval '1 minute' * (2 + rd * 600)
FROM t
ON CONFLICT ("externalOrderNumber") DO NOTHING`;

function count(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 50_000_000)
    throw new Error(`--${name} must be a whole number from 1 to 50000000.`);
  return n;
}

const elapsed = (started: number) => `${((performance.now() - started) / 1000).toFixed(1)} s`;

/** Non-unique indexes of "Order" (the unique ones stay: ON CONFLICT needs the external number's). */
async function secondaryIndexes(client: pg.Client): Promise<{ name: string; definition: string }[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition
     FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
     WHERE x.indrelid = '"Order"'::regclass AND NOT x.indisunique AND NOT x.indisprimary`,
  );
  return rows;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { orders: { type: "string" }, customers: { type: "string" } } });
  const orders = count(values.orders, "orders", 100_000);
  const customers = count(values.customers, "customers", 1_000);
  const url = env().DATABASE_URL;
  if (!url) throw new Error("Set DATABASE_URL to the PostgreSQL database to fill (never a production one).");

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await applyMigrations(pgExecutor(client), { kind: "postgres" });
    // Bulk loading only: losing the last commits in a crash is harmless here.
    await client.query("SET synchronous_commit = off");
    await client.query("SET maintenance_work_mem = '512MB'");
    const tag = `h${Array.from({ length: 5 }, () => "abcdefghijklmnopqrstuvwxyz0123456789"[randomInt(36)]).join("")}`;
    const offset = randomInt(2 ** 32);
    const started = performance.now();

    // One transaction: a failed load leaves the database as it was, indexes included. Loading more
    // rows than the table holds, building the secondary indexes once afterwards is several times
    // faster than maintaining them row by row (the trigram index above all). The table is locked
    // meanwhile, which is why this is for test databases only.
    await client.query("BEGIN");
    const { rows: sizes } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "Order"`);
    const rebuild = orders > Number(sizes[0]?.n ?? 0) ? await secondaryIndexes(client) : [];
    for (const index of rebuild) await client.query(`DROP INDEX "${index.name}"`);

    await client.query(USERS_SQL, [FIRST, LAST, tag, DOMAINS, customers]);
    console.log(`${customers} customers (${tag}u*), ${elapsed(started)}`);
    let inserted = 0;
    for (let from = 1; from <= orders; from += BATCH) {
      const to = Math.min(orders, from + BATCH - 1);
      const params = [
        FIRST,
        LAST,
        STEMS,
        WORDS,
        SUFFIXES,
        tag,
        customers,
        from,
        to,
        offset,
        PRODUCTS,
        TLDS,
        orders,
      ];
      inserted += (await client.query(ORDERS_SQL, params)).rowCount ?? 0;
      console.log(`${inserted} orders, ${elapsed(started)}`);
    }
    for (const index of rebuild) {
      await client.query(index.definition);
      console.log(`index ${index.name} rebuilt, ${elapsed(started)}`);
    }
    await client.query("COMMIT");
    // VACUUM merges GIN pending lists left by row-by-row inserts (every search would scan them)
    // and sets the visibility map that index-only scans rely on.
    await client.query(`VACUUM ANALYZE "User", "Order"`);
    console.log(
      `Done: ${customers} customers and ${inserted} orders in ${elapsed(started)} (vacuumed and analyzed).`,
    );
    if (inserted < orders)
      console.log(`${orders - inserted} external order numbers already existed and were skipped.`);
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
