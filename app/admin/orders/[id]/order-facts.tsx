import type { ReactNode } from "react";
import type { AdminOrderDetail } from "@/lib/orders/queries/admin-order";
import { inputEntriesInWords } from "@/lib/orders/model/input-words";
import { getProduct } from "@/lib/sectigo/products";
import { utc } from "@/components/orders/format";
import { marginInWords, quoteInWords } from "@/lib/prices/margin";

function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      {items.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="font-medium text-slate-600">{term}</dt>
          <dd className="break-words">{value ?? "—"}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * The certificate's state as the portal tracked it. Sectigo's certificateState comes only with
 * the answer at placing ("Not Yet Issued"), so it is shown as that, never as the current state.
 */
function certificateState(order: AdminOrderDetail): string {
  const cert = order.after.certificate;
  switch (order.status) {
    case "ISSUED":
      return cert ? `issued, collected ${utc(cert.collectedAt)}` : "issued";
    case "REVOKED":
      return order.after.revokedAt ? `revoked ${utc(order.after.revokedAt)}` : "revoked";
    case "CANCELLED":
      return "never issued: the order was cancelled";
    case "CA_REJECTED":
      return "never issued: Sectigo rejected the order";
    default:
      return order.certificateState
        ? `not yet issued; Sectigo's answer at placing: ${order.certificateState}`
        : "not yet issued";
  }
}

/** The order's own fields: customer, product, money, lifecycle times, last failure. */
export function OrderSummary({ order }: { order: AdminOrderDetail }) {
  const product = getProduct(order.productCode);
  return (
    <Facts
      items={[
        ["Customer", `${order.owner.name} <${order.owner.email}>`],
        ["Product", product ? `${product.name} (${product.code})` : "not chosen"],
        ["Validity", order.days ? `${order.days} days` : null],
        ["Test order", order.test ? "yes" : "no"],
        ["Sectigo order number", order.sectigoOrderNumber],
        ["Sectigo cost (admins only)", order.totalCost?.toFixed(2) ?? null],
        ["Quoted to the customer", quoteInWords(order)],
        ["Margin (quoted net − cost)", marginInWords(order)],
        ["Certificate", order.certificateId ? `${order.certificateId} (${certificateState(order)})` : null],
        ["Organization", order.organizationName],
        ["Common name", order.commonName],
        ["Created", utc(order.createdAt)],
        ["Submitted", utc(order.submittedAt)],
        ["Placed", utc(order.placedAt)],
        ["Last change", `${utc(order.updatedAt)} (version ${order.version})`],
        [
          "Automatic retries",
          `${order.retryCount}${order.nextRetryAt ? `, next ${utc(order.nextRetryAt)}` : ""}`,
        ],
        [
          "Last failure",
          order.failureClass
            ? `${order.failureClass}${order.failureCode !== null ? ` ${order.failureCode}` : ""}: ${order.failureMessage ?? ""}${order.failureField ? ` (field ${order.failureField})` : ""}`
            : null,
        ],
      ]}
    />
  );
}

/** The order input as the customer gave it (validated; never holds credentials), in words. */
export function InputSummary({ input }: { input: AdminOrderDetail["input"] }) {
  const entries = inputEntriesInWords(input);
  if (entries.length === 0) return <p className="text-sm text-slate-600">No input saved yet.</p>;
  return (
    <Facts
      items={entries.map(({ label, value }) => [
        label,
        value.includes("\n") || value.length > 120 ? (
          <details>
            <summary className="cursor-pointer">{value.length} characters</summary>
            <pre className="mt-1 max-h-60 overflow-auto text-xs break-all whitespace-pre-wrap">{value}</pre>
          </details>
        ) : (
          <span className="font-mono">{value}</span>
        ),
      ])}
    />
  );
}

/** Where Sectigo ships a token (QSCD products), if the order has shipping details. */
export function ShippingSummary({ shipping }: { shipping: AdminOrderDetail["shipping"] }) {
  if (!shipping)
    return <p className="text-sm text-slate-600">No shipping details (nothing is shipped for this order).</p>;
  const name = [shipping.title, shipping.forename, shipping.surname].filter(Boolean).join(" ");
  const street = [shipping.streetAddress1, shipping.streetAddress2, shipping.streetAddress3]
    .filter(Boolean)
    .join(", ");
  const place = [
    shipping.postalCode,
    shipping.localityName,
    shipping.stateOrProvinceName,
    shipping.countryName,
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <Facts
      items={[
        ["Recipient", name || null],
        [
          "Organization",
          [shipping.organizationName, shipping.organizationalUnitName].filter(Boolean).join(", ") || null,
        ],
        ["Street", street || null],
        ["Place", place || null],
        ["E-mail", shipping.emailAddress],
        ["Telephone", shipping.telephone],
      ]}
    />
  );
}
