import "server-only";
import { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import type { AdminOrderFilters } from "@/lib/orders/model/search-params";
import { adminOrderBatches } from "@/lib/orders/queries/search";
import { ADMIN, assertRole } from "@/lib/auth/roles";
import { ORDER_ROW } from "@/lib/orders/queries/selects";
import { getProduct } from "@/lib/sectigo/products";
import { ORDER_QUOTE } from "@/lib/prices/order-quote";
import { margin } from "@/lib/prices/margin";
import type { SessionUser } from "@/lib/users/data";

/** Rows fetched per query: memory stays flat however many orders match. */
export const EXPORT_BATCH_SIZE = 1_000;

// Only what an administrator needs in a spreadsheet: never the order input (request snapshots),
// password hashes or Sectigo credentials, which this select cannot reach.
const exportSelect = {
  ...ORDER_ROW,
  totalCost: true,
  ...ORDER_QUOTE,
  placedAt: true,
  owner: { select: { email: true } },
} as const;

export const EXPORT_COLUMNS = [
  "External order number",
  "Sectigo order number",
  "Product code",
  "Product",
  "Status",
  "Customer e-mail",
  "Organization",
  "Common name",
  "Test order",
  "Total cost",
  // The price quoted to the customer (lib/prices), and the margin over Sectigo's cost.
  "Quote currency",
  "Quoted net",
  "Quoted VAT rate (%)",
  "Quoted VAT",
  "Quoted gross",
  "VAT country",
  "Reverse charge",
  "Customer VAT number",
  "Margin",
  "Created (UTC)",
  "Placed (UTC)",
] as const;

// What a spreadsheet may take for the start of a new cell: the file's comma, the semicolon that
// German and other locales use instead, a tab (pasted or imported as tab-separated), a line end.
const CELL_BREAK = /[,;\t\r\n]/;
// A formula character at the start, or after a cell break (and blanks or quotes a reader skips).
const RUNS_AS_FORMULA = /^[=+\-@\t\r]|[,;\t\r\n][\s"']*[=+\-@]/;

/**
 * Defuses CSV formula injection: a spreadsheet runs a cell starting with = + - @ (or tab or
 * carriage return, which some of them skip first) as a formula. A leading apostrophe makes it
 * text. A formula after an embedded separator counts too (`ACME;=1+1`): a reader splitting on
 * that separator would start a cell with it. Organization and common names are typed by
 * customers, so this is no theoretical risk.
 */
export function neutralizeFormula(value: string): string {
  return RUNS_AS_FORMULA.test(value) ? `'${value}` : value;
}

/** `orders-YYYYMMDD.csv`, dated in UTC like every timestamp in the file. */
export function exportFileName(now = new Date()): string {
  return `orders-${now.toISOString().slice(0, 10).replaceAll("-", "")}.csv`;
}

type ExportRow = {
  externalOrderNumber: string;
  sectigoOrderNumber: string | null;
  productCode: number | null;
  status: string;
  organizationName: string | null;
  commonName: string | null;
  test: boolean;
  totalCost: { toFixed(digits: number): string } | null;
  quoteCurrency: string | null;
  quoteNet: { toFixed(digits: number): string } | null;
  quoteVatRate: { toFixed(digits: number): string } | null;
  quoteVat: { toFixed(digits: number): string } | null;
  quoteGross: { toFixed(digits: number): string } | null;
  quoteVatCountry: string | null;
  quoteReverseCharge: boolean;
  quoteVatNumber: string | null;
  createdAt: Date;
  placedAt: Date | null;
  owner: { email: string };
};

function cells(row: ExportRow): string[] {
  return [
    row.externalOrderNumber,
    row.sectigoOrderNumber ?? "",
    row.productCode === null ? "" : String(row.productCode),
    getProduct(row.productCode)?.name ?? "",
    row.status,
    row.owner.email,
    row.organizationName ?? "",
    row.commonName ?? "",
    row.test ? "yes" : "no",
    row.totalCost?.toFixed(2) ?? "",
    row.quoteCurrency ?? "",
    row.quoteNet?.toFixed(2) ?? "",
    row.quoteVatRate?.toFixed(2) ?? "",
    row.quoteVat?.toFixed(2) ?? "",
    row.quoteGross?.toFixed(2) ?? "",
    row.quoteVatCountry ?? "",
    row.quoteCurrency === null ? "" : row.quoteReverseCharge ? "yes" : "no",
    row.quoteVatNumber ?? "",
    margin(row) ?? "",
    row.createdAt.toISOString(),
    row.placedAt?.toISOString() ?? "",
  ].map(neutralizeFormula);
}

async function* records(user: SessionUser, filters: AdminOrderFilters): AsyncGenerator<string[]> {
  for await (const batch of adminOrderBatches(user, filters, exportSelect, EXPORT_BATCH_SIZE)) {
    for (const row of batch) yield cells(row);
  }
}

/**
 * The orders matching the filters (in the list's sort order) as a CSV byte stream: admins only,
 * checked before anything is read. Rows are fetched batch by batch as the client reads, so a
 * slow download never holds more than one batch in memory.
 */
export function exportOrdersCsv(user: SessionUser, filters: AdminOrderFilters): ReadableStream<Uint8Array> {
  assertRole(user, ADMIN, "export all orders");
  const csv = stringify({
    header: true,
    columns: [...EXPORT_COLUMNS],
    // RFC 4180 line ends, and a byte-order mark so that spreadsheet programs read UTF-8 (umlauts
    // in organization names) instead of guessing a legacy code page.
    record_delimiter: "windows",
    // csv-stringify quotes a field holding the comma, a quote or the record delimiter; a lone \n
    // or \r (a multi-line organization name) would split the row in every spreadsheet, and a
    // semicolon or tab the cell in a reader that splits on those.
    quoted_match: CELL_BREAK,
    bom: true,
  });
  const source = Readable.from(records(user, filters));
  // A failed query aborts the download rather than ending it as if complete; a client that goes
  // away stops the queries.
  source.on("error", (error) => csv.destroy(error));
  csv.on("close", () => source.destroy());
  source.pipe(csv);
  return Readable.toWeb(csv) as ReadableStream<Uint8Array>;
}
