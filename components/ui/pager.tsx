import Link from "next/link";
import { listHref } from "@/lib/filters/list-href";

/** First / previous / next links of a keyset-paginated list; the filters stay in the URL. */
export function Pager({
  basePath,
  params,
  after,
  before,
  label,
}: {
  basePath: string;
  params: Record<string, string | number | undefined | null>;
  after: string | null;
  before: string | null;
  label: string;
}) {
  if (!after && !before) return null;
  const linkClass =
    "rounded-md border border-slate-300 bg-white px-3 py-1.5 font-semibold hover:bg-slate-100";
  return (
    <nav aria-label={label} className="mt-4 flex flex-wrap items-center gap-3 text-sm">
      {before ? (
        <>
          <Link href={listHref(basePath, params)} className={linkClass}>
            First page
          </Link>
          <Link href={listHref(basePath, { ...params, before })} className={linkClass} rel="prev">
            Previous page
          </Link>
        </>
      ) : null}
      {after ? (
        <Link href={listHref(basePath, { ...params, after })} className={linkClass} rel="next">
          Next page
        </Link>
      ) : null}
    </nav>
  );
}
