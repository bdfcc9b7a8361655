// The production server: Next.js's request handler behind a plain node:http server that first
// sets the client address the per-address limits count (scripts/client-address.mjs), since
// `next start` keeps an X-Forwarded-For header the client wrote itself; it also gives each
// request its id and counts it for /metrics. Plain JavaScript: nothing
// is compiled at run time. Usage: node scripts/serve.mjs [-p PORT] [-H HOSTNAME]
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { setClientAddress, trustedHopsFrom } from "./client-address.mjs";
import { readFileSync } from "node:fs";
import path from "node:path";
import { observeHttp, labelByRoutesManifest } from "../lib/observability/metrics.mjs";
import { requestIdFor, runWithRequestId } from "../lib/observability/request-context.mjs";

const { values } = parseArgs({
  options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname;
const hops = trustedHopsFrom(process.env.TRUSTED_PROXY_HOPS);

// Before Next.js loads: it reads NODE_ENV as it starts.
process.env.NODE_ENV = "production";
const { default: next } = await import("next");
const app = next({ dev: false, dir: process.cwd(), hostname: hostname ?? "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();
// The build's routes, so /metrics labels requests by route pattern (lib/observability/metrics.mjs).
const distDir = process.env.NEXT_DIST_DIR || ".next";
labelByRoutesManifest(
  JSON.parse(readFileSync(path.join(process.cwd(), distDir, "routes-manifest.json"), "utf8")),
);

const server = createServer((request, response) => {
  setClientAddress(request, hops);
  // Every request gets an id (a trusted proxy's, else a new one): in the answer's X-Request-Id
  // header, in every log line the request causes (lib/log.ts), so a customer can quote it.
  const requestId = requestIdFor(request.headers["x-request-id"], hops > 0);
  request.headers["x-request-id"] = requestId;
  response.setHeader("X-Request-Id", requestId);
  observeHttp(request, response);
  runWithRequestId(requestId, () => void handle(request, response));
});
server.listen(port, hostname, () => {
  const where = hostname ?? "all interfaces";
  console.log(`Portal server listening on port ${port} (${where}); trusted proxies in front: ${hops}`);
});
// As `next start` does: close the app, then exit with the signal's code.
for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
]) {
  process.on(signal, () => {
    server.close();
    Promise.resolve(app.close?.())
      .catch((error) => console.error(error))
      .finally(() => process.exit(code));
  });
}
