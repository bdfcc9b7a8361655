// A list page's address: its filters, sort and cursor live in the query string (GET forms).

/** `basePath?…` with the non-empty values, in the order given. */
export function listHref(
  basePath: string,
  params: Record<string, string | number | undefined | null>,
): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `${basePath}?${text}` : basePath;
}
