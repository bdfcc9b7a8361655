import Link from "next/link";

// Certificates that expire soon, with their renewal: on the customer's orders page and on the
// admin's order history.

const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export interface ExpiringRow {
  id: string;
  externalOrderNumber: string;
  commonName: string | null;
  organizationName: string | null;
  notAfter: Date;
  step: number | null;
  owner?: { email: string };
  renewal: { id: string; status: string; externalOrderNumber: string } | null;
}

function left(notAfter: Date, now: Date): string {
  const days = Math.ceil((notAfter.getTime() - now.getTime()) / 86_400_000);
  if (days < 0) return `expired ${-days} day${days === -1 ? "" : "s"} ago`;
  if (days === 0) return "expires today";
  return `${days} day${days === 1 ? "" : "s"} left`;
}

export function ExpiringList({
  rows,
  orderHref,
  showOwner = false,
  canRenew = true,
  now = new Date(),
}: {
  rows: ExpiringRow[];
  orderHref: (id: string) => string;
  showOwner?: boolean;
  /** Customers renew their own; staff see whether a renewal was started. */
  canRenew?: boolean;
  now?: Date;
}) {
  if (rows.length === 0) return null;
  return (
    <section
      aria-labelledby="expiring-heading"
      className="mb-6 rounded-lg border border-amber-300 bg-amber-50 p-4"
    >
      <h2 id="expiring-heading" className="font-semibold text-amber-950">
        Certificates expiring soon ({rows.length})
      </h2>
      <ul className="mt-2 space-y-2 text-sm">
        {rows.map((row) => (
          <li key={row.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
            <Link href={orderHref(row.id)} className="font-mono font-semibold underline">
              {row.externalOrderNumber}
            </Link>
            <span>{row.organizationName ?? row.commonName ?? ""}</span>
            {showOwner && row.owner ? <span className="text-slate-700">{row.owner.email}</span> : null}
            <span
              className={
                row.step !== null && row.step <= 30 ? "font-semibold text-red-800" : "text-amber-950"
              }
            >
              {day.format(row.notAfter)} ({left(row.notAfter, now)})
            </span>
            {row.renewal ? (
              <Link href={orderHref(row.renewal.id)} className="underline">
                Renewal {row.renewal.externalOrderNumber} (
                {row.renewal.status.toLowerCase().replace(/_/g, " ")})
              </Link>
            ) : canRenew ? (
              <Link href={`${orderHref(row.id)}#renew`} className="font-semibold underline">
                Renew
              </Link>
            ) : (
              <span className="text-slate-700">no renewal yet</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
