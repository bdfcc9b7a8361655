export interface SummaryItem {
  field: string;
  message: string;
}

/**
 * Announces form errors (aria-live) and links each one to its field. Focus itself goes to the
 * first invalid field (react-hook-form's shouldFocusError), so this never steals it.
 */
export function ErrorSummary({ items, message }: { items: SummaryItem[]; message?: string }) {
  const visible = items.length > 0 || Boolean(message);
  return (
    <div aria-live="assertive" aria-atomic="true">
      {visible ? (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          <p className="font-semibold">{message || "Please correct the following:"}</p>
          {items.length ? (
            <ul className="mt-2 list-disc pl-5">
              {items.map((item) => (
                <li key={`${item.field}:${item.message}`}>
                  <a className="underline" href={`#${item.field}`}>
                    {item.message}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
