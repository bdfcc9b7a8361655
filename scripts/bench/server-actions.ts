// Calling the portal's server actions over HTTP as the browser does: a POST to a page that
// imports the action, with the build's id for it in `Next-Action` and the arguments in React's
// reply encoding; the answer is a React Server Components stream with the action's result in it.

/** The server reference manifest of a build (.next/server/server-reference-manifest.json), as read here. */
export interface ActionManifest {
  node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
}

export interface ActionRef {
  id: string;
  /** The path of a page that imports the action (no dynamic segments), to post to. */
  path: string;
}

/** The URL path of an app router page (`app/(portal)/orders/new/page` → `/orders/new`). */
export function routeOf(worker: string): string {
  const segments = worker
    .replace(/^app\//, "")
    .replace(/(^|\/)page$/, "")
    .split("/")
    .filter((s) => s && !/^\(.*\)$/.test(s));
  return `/${segments.join("/")}`;
}

/** Finds an exported action of a source file in the build, and a static page that serves it. */
export function findAction(manifest: ActionManifest, filename: string, exportedName: string): ActionRef {
  const entry = Object.entries(manifest.node).find(
    ([, v]) => v.filename === filename && v.exportedName === exportedName,
  );
  if (!entry) throw new Error(`The build has no server action ${exportedName} in ${filename}.`);
  const worker = Object.keys(entry[1].workers).find((w) => w.startsWith("app/") && !w.includes("["));
  if (!worker) throw new Error(`${exportedName} is only served from dynamic routes.`);
  return { id: entry[0], path: routeOf(worker) };
}

/**
 * The arguments as React's encodeReply sends plain values: a JSON array, `undefined` as
 * "$undefined", strings starting with "$" escaped as "$$".
 */
export function encodeArguments(args: readonly unknown[]): string {
  const encode = (value: unknown): unknown => {
    if (value === undefined) return "$undefined";
    if (typeof value === "string") return value.startsWith("$") ? `$${value}` : value;
    if (Array.isArray(value)) return value.map(encode);
    if (value !== null && typeof value === "object")
      return Object.fromEntries(
        Object.entries(value).flatMap(([k, v]) => (v === undefined ? [] : [[k, encode(v)]])),
      );
    return value;
  };
  return JSON.stringify(args.map(encode));
}

export interface ActionState {
  ok: boolean;
  message?: string;
  data?: unknown;
}

/**
 * The action's answer in the stream: the row whose value is an ActionState ({ ok, … }). When the
 * action revalidated a path, the page's re-rendered tree comes in other rows of the same stream.
 */
export function actionStateOf(stream: string): ActionState | null {
  for (const line of stream.split("\n")) {
    const row = /^[0-9a-f]+:(\{.*\})$/.exec(line);
    if (!row) continue;
    try {
      const value = JSON.parse(row[1]!) as Record<string, unknown>;
      if (typeof value.ok === "boolean") return value as unknown as ActionState;
    } catch {
      // another kind of row
    }
  }
  return null;
}

/** Calls an action of the portal at `origin` with a session cookie; throws unless it answered. */
export async function callAction(
  origin: string,
  action: ActionRef,
  cookie: string,
  args: readonly unknown[],
): Promise<ActionState> {
  const response = await fetch(`${origin}${action.path}`, {
    method: "POST",
    headers: {
      accept: "text/x-component",
      "content-type": "text/plain;charset=UTF-8",
      "next-action": action.id,
      // Next refuses an action posted from another origin.
      origin,
      cookie,
    },
    body: encodeArguments(args),
  });
  const text = await response.text();
  const state = actionStateOf(text);
  if (!response.ok || !state)
    throw new Error(`server action ${action.path}: HTTP ${response.status} ${text.slice(0, 200)}`);
  return state;
}
