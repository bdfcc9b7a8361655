import { readFileSync } from "node:fs";
import path from "node:path";

// Which page hosts which server action, from the production build's own manifests: Next records
// every action with the pages ("workers") that can run it in server-reference-manifest.json, and
// each page's route with its matching expression in app-path-routes-manifest.json and
// routes-manifest.json. Left alone, Next answers an unknown id with a warning and a stack trace,
// and an id another page hosts by forwarding the request to that page, which ends in `200 {}` and
// an uncaughtException; both on every request, so any client could flood the log.

export type ActionHosting = "hosted" | "elsewhere" | "unknown";

export interface BuildManifests {
  /** server-reference-manifest.json */
  serverReferences: { node?: Record<string, { workers?: Record<string, unknown> }> };
  /** app-path-routes-manifest.json: "/(portal)/orders/page" → "/orders" */
  appPathRoutes: Record<string, string>;
  /** routes-manifest.json */
  routes: {
    staticRoutes?: { page: string; regex: string }[];
    dynamicRoutes?: { page: string; regex: string }[];
  };
}

/** Looks up whether the page at a path hosts an action id. */
export type ActionRoutes = (actionId: string, pathname: string) => ActionHosting;

export function actionRoutesFrom(manifests: BuildManifests): ActionRoutes {
  const actions = manifests.serverReferences.node ?? {};
  const routeOfWorker = (worker: string) => manifests.appPathRoutes[worker.replace(/^app/, "")];
  // Next's own order: static routes before dynamic ones, dynamic ones most specific first.
  const routes = [...(manifests.routes.staticRoutes ?? []), ...(manifests.routes.dynamicRoutes ?? [])].map(
    (r) => ({ page: r.page, regex: new RegExp(r.regex) }),
  );
  return (actionId, pathname) => {
    const entry = Object.hasOwn(actions, actionId) ? actions[actionId] : undefined;
    if (!entry) return "unknown";
    const page = routes.find((r) => r.regex.test(pathname))?.page;
    const hosts = Object.keys(entry.workers ?? {}).map(routeOfWorker);
    return page !== undefined && hosts.includes(page) ? "hosted" : "elsewhere";
  };
}

let loaded: ActionRoutes | null | undefined;

/**
 * The running build's action routes, read once; null where there is no production build to read
 * (`next dev`, tests), and then Next's own handling applies.
 */
export function buildActionRoutes(distDir = process.env.NEXT_DIST_DIR || ".next"): ActionRoutes | null {
  if (loaded !== undefined && process.env.NODE_ENV === "production") return loaded;
  const read = (...parts: string[]) =>
    JSON.parse(
      readFileSync(path.join(/* turbopackIgnore: true */ process.cwd(), distDir, ...parts), "utf8"),
    ) as unknown;
  try {
    loaded = actionRoutesFrom({
      serverReferences: read(
        "server",
        "server-reference-manifest.json",
      ) as BuildManifests["serverReferences"],
      appPathRoutes: read("app-path-routes-manifest.json") as BuildManifests["appPathRoutes"],
      routes: read("routes-manifest.json") as BuildManifests["routes"],
    });
  } catch {
    loaded = null;
  }
  return loaded;
}

const ACTION_ID = "$ACTION_ID_";
const ACTION_REF = "$ACTION_REF_";

/**
 * The action ids a form posted without JavaScript names, as React's progressive enhancement
 * writes them (a `$ACTION_ID_<id>` field, or `$ACTION_REF_<n>` with the descriptor in
 * `$ACTION_<n>:0` for an action with bound arguments). Null when the fields are malformed.
 */
export function formActionIds(form: FormData): string[] | null {
  const ids: string[] = [];
  for (const [name] of form) {
    if (name.startsWith(ACTION_ID)) ids.push(name.slice(ACTION_ID.length));
    else if (name.startsWith(ACTION_REF)) {
      const descriptor = form.getAll(`$ACTION_${name.slice(ACTION_REF.length)}:0`);
      if (descriptor.length !== 1 || typeof descriptor[0] !== "string") return null;
      try {
        const id = (JSON.parse(descriptor[0]) as { id?: unknown } | null)?.id;
        if (typeof id !== "string") return null;
        ids.push(id);
      } catch {
        return null;
      }
    }
  }
  return ids;
}
