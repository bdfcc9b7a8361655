import { gzipSync } from "node:zlib";
import { APP_URL } from "./app-server";

// First-load JavaScript of a page as the browser gets it: every script under /_next/static that
// the page's HTML loads, fetched from the running production server and gzipped here at level 9.

export interface PageScripts {
  path: string;
  /** Script URL → gzipped bytes. */
  scripts: Map<string, number>;
  rawBytes: number;
}

// Minified chunks keep some string literals of the libraries bundled into them; these tell which
// library a chunk carries (a recognised string, not a guess from the file name).
const LIBRARY_MARKERS: [string, string[]][] = [
  ["React DOM", ["react.dev/errors"]],
  ["zod", ["ZodError"]],
  ["react-hook-form", ["shouldUnregister"]],
  ["@peculiar/x509 + asn1js (CSR decoding)", ["1.2.840.113549", "asn1js"]],
  ["tsyringe + reflect-metadata", ["tsyringe", "Reflect.getMetadata"]],
];

const librariesBySrc = new Map<string, string[]>();

/** The libraries recognised in a script fetched by `pageScripts`. */
export const librariesOf = (src: string): string[] => librariesBySrc.get(src) ?? [];

// Next.js writes plain `<script src="…" async>` tags for the chunks a page needs at first load.
const SCRIPT_SRC = /<script\b[^>]*?\ssrc="([^"]+)"/g;

const gzipCache = new Map<string, { gzip: number; raw: number }>();

async function sizeOf(src: string): Promise<{ gzip: number; raw: number }> {
  const known = gzipCache.get(src);
  if (known) return known;
  const response = await fetch(new URL(src, APP_URL));
  if (!response.ok) throw new Error(`${src}: HTTP ${response.status}`);
  const body = Buffer.from(await response.arrayBuffer());
  const text = body.toString("utf8");
  librariesBySrc.set(
    src,
    LIBRARY_MARKERS.filter(([, markers]) => markers.some((m) => text.includes(m))).map(([name]) => name),
  );
  const size = { gzip: gzipSync(body, { level: 9 }).length, raw: body.length };
  gzipCache.set(src, size);
  return size;
}

export async function pageScripts(path: string, cookie?: string): Promise<PageScripts> {
  const response = await fetch(`${APP_URL}${path}`, {
    redirect: "manual",
    headers: cookie ? { cookie } : {},
  });
  if (response.status !== 200)
    throw new Error(`${path} answered HTTP ${response.status} (${response.headers.get("location") ?? ""})`);
  const html = await response.text();
  const sources = [...new Set([...html.matchAll(SCRIPT_SRC)].map((m) => m[1]!.replaceAll("&amp;", "&")))];
  const scripts = new Map<string, number>();
  let rawBytes = 0;
  for (const src of sources.filter((s) => s.startsWith("/_next/static/"))) {
    const size = await sizeOf(src);
    scripts.set(src, size.gzip);
    rawBytes += size.raw;
  }
  return { path, scripts, rawBytes };
}

export const totalOf = (page: PageScripts) => [...page.scripts.values()].reduce((a, b) => a + b, 0);

/** The scripts every measured page loads (the framework and shared chunks), and their size. */
export function sharedBytes(pages: PageScripts[]): number {
  const [first, ...rest] = pages;
  if (!first) return 0;
  let total = 0;
  for (const [src, bytes] of first.scripts) if (rest.every((p) => p.scripts.has(src))) total += bytes;
  return total;
}

/** The page's scripts that not every page loads, largest first. */
export function ownScripts(page: PageScripts, pages: PageScripts[]): [string, number][] {
  return [...page.scripts]
    .filter(([src]) => !pages.every((p) => p.scripts.has(src)))
    .sort((a, b) => b[1] - a[1]);
}
