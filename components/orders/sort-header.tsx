import Link from "next/link";
import type { SortDirection } from "@/lib/orders/model/search-params";

/**
 * A column header that sorts the list: a link (so it works without JavaScript and keeps the
 * filters), and aria-sort on the column the list is sorted by, as only that one may carry it.
 */
export function SortHeader({
  label,
  href,
  active,
  direction,
  className = "",
}: {
  label: string;
  href: string;
  active: boolean;
  direction: SortDirection;
  className?: string;
}) {
  const next = active ? (direction === "asc" ? "descending" : "ascending") : null;
  return (
    <th
      scope="col"
      className={`px-3 py-2 ${className}`}
      aria-sort={active ? (direction === "asc" ? "ascending" : "descending") : undefined}
    >
      <Link href={href} className="inline-flex items-center gap-1 uppercase hover:underline">
        {label}
        <span aria-hidden="true">{active ? (direction === "asc" ? "▲" : "▼") : "↕"}</span>
        <span className="sr-only">{next ? `, sort ${next}` : ", sort by this column"}</span>
      </Link>
    </th>
  );
}
