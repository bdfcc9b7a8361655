import Link from "next/link";

/** Previous / next links of a keyset-paginated list; keeps the current filters in the URL. */
export function Pager({
  basePath,
  params,
  after,
  before,
  label,
}: {
  basePath: string;
  params: Record<string, string | undefined>;
  after: string | null;
  before: string | null;
  label: string;
}) {
  if (!after && !before) return null;
  const href = (cursor: Record<string, string>) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
    for (const [key, value] of Object.entries(cursor)) query.set(key, value);
    const text = query.toString();
    return text ? `${basePath}?${text}` : basePath;
  };
  const linkClass =
    "rounded-md border border-slate-300 bg-white px-3 py-1.5 font-semibold hover:bg-slate-100";
  return (
    <nav aria-label={label} className="mt-4 flex flex-wrap items-center gap-3 text-sm">
      {before ? (
        <>
          <Link href={href({})} className={linkClass}>
            First page
          </Link>
          <Link href={href({ before })} className={linkClass} rel="prev">
            Previous page
          </Link>
        </>
      ) : null}
      {after ? (
        <Link href={href({ after })} className={linkClass} rel="next">
          Next page
        </Link>
      ) : null}
    </nav>
  );
}
