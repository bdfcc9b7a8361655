import { readdirSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

// The /api/v1 route handlers behind a real HTTP server, for tests that cannot afford a
// `next build` per file: every route.ts under app/api/v1 is found on disk and matched by its
// folder names ([id] segments become parameters), requests and answers cross a real socket as
// Web Requests and Responses, exactly the objects Next hands its route handlers.

type Handler = (
  request: Request,
  context: { params: Promise<Record<string, string> | undefined> },
) => Promise<Response>;
interface RouteFile {
  /** The path as OpenAPI writes it, e.g. /orders/{id}/submit (relative to /api/v1). */
  template: string;
  pattern: RegExp;
  names: string[];
  load: () => Promise<Record<string, unknown>>;
}

const ROOT = path.resolve(__dirname, "../../app/api/v1");

function routeFiles(dir = ROOT, segments: string[] = []): RouteFile[] {
  const found: RouteFile[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) found.push(...routeFiles(full, [...segments, entry]));
    else if (entry === "route.ts") {
      const names: string[] = [];
      const body = segments
        .map((s) => {
          const param = /^\[(\w+)\]$/.exec(s);
          if (!param) return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
          names.push(param[1]!);
          return "([^/]+)";
        })
        .join("/");
      found.push({
        template: `/${segments.map((s) => s.replace(/^\[(\w+)\]$/, "{$1}")).join("/")}`,
        pattern: new RegExp(`^/api/v1${body ? `/${body}` : ""}$`),
        names,
        load: () => import(/* @vite-ignore */ full) as Promise<Record<string, unknown>>,
      });
    }
  }
  return found;
}

/** Every route file's path pattern; fixed segments win over parameters, as in Next's router. */
export const API_ROUTE_FILES = routeFiles().sort((a, b) => a.names.length - b.names.length);

async function readAll(message: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export interface ApiServer {
  url: string;
  close(): Promise<void>;
}

export async function startApiServer(): Promise<ApiServer> {
  const server: Server = createServer(async (message, reply) => {
    try {
      const url = new URL(message.url ?? "/", "http://localhost");
      const route = API_ROUTE_FILES.map((r) => ({ r, m: r.pattern.exec(url.pathname) })).find((x) => x.m);
      const handler = route && ((await route.r.load())[message.method ?? "GET"] as Handler | undefined);
      if (!route || !handler) {
        reply.writeHead(route ? 405 : 404, { "content-type": "application/problem+json" });
        reply.end(
          JSON.stringify({ status: route ? 405 : 404, title: route ? "Method not allowed" : "Not found" }),
        );
        return;
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(message.headers))
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
      const body = ["GET", "HEAD"].includes(message.method ?? "GET")
        ? undefined
        : new Uint8Array(await readAll(message));
      const request = new Request(url, { method: message.method, headers, body });
      const params = Object.fromEntries(
        route.r.names.map((n, i) => [n, decodeURIComponent(route.m![i + 1]!)]),
      );
      // As Next does: a route without dynamic segments gets no params.
      const response = await handler(request, {
        params: Promise.resolve(route.r.names.length ? params : undefined),
      });
      reply.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      reply.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      reply.writeHead(500, { "content-type": "text/plain" });
      reply.end(`adapter: ${error instanceof Error ? error.stack : String(error)}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
