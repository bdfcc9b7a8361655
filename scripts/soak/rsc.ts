// Calling a Next.js server action over plain HTTP, as the browser's router does: a POST to the
// page that renders the action, with its id in `Next-Action` and the arguments as a JSON array
// (React's reply encoding, of which plain JSON is the subset we need). The answer is an RSC
// stream: one row per line, `<hex id>:<JSON>`; row 0 is `{"a": <result or "$@<row>">, …}`.

/** React's reply encoding marks special values with a leading `$`; a literal one is doubled. */
export function encodeActionArgs(args: unknown[]): string {
  const escape = (value: unknown): unknown => {
    if (value === undefined) return "$undefined";
    if (typeof value === "string") return value.startsWith("$") ? `$${value}` : value;
    if (Array.isArray(value)) return value.map(escape);
    if (value && typeof value === "object") {
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => [k, escape(v)]),
      );
    }
    return value;
  };
  return JSON.stringify(args.map(escape));
}

function rows(body: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of body.split("\n")) {
    const colon = line.indexOf(":");
    if (colon > 0 && /^[0-9a-f]+$/.test(line.slice(0, colon)))
      out.set(line.slice(0, colon), line.slice(colon + 1));
  }
  return out;
}

/** The action's return value from an RSC answer; throws when the stream holds none. */
export function actionResultOf(body: string): unknown {
  const table = rows(body);
  const root = table.get("0");
  if (root === undefined) throw new Error(`no root row in the action answer: ${body.slice(0, 200)}`);
  const parsed = JSON.parse(root) as { a?: unknown };
  if (!("a" in parsed)) throw new Error(`the action answer has no result: ${root.slice(0, 200)}`);
  if (typeof parsed.a === "string" && parsed.a.startsWith("$@")) {
    const row = table.get(parsed.a.slice(2));
    if (row === undefined) throw new Error(`the action answer lacks row ${parsed.a.slice(2)}`);
    return JSON.parse(row);
  }
  return parsed.a;
}
