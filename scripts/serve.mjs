// The production server: Next.js's request handler behind a plain node:http server that first
// sets the client address the per-address limits count (scripts/client-address.mjs), since
// `next start` keeps an X-Forwarded-For header the client wrote itself. Plain JavaScript: nothing
// is compiled at run time. Usage: node scripts/serve.mjs [-p PORT] [-H HOSTNAME]
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { setClientAddress, trustedHopsFrom } from "./client-address.mjs";

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

const server = createServer((request, response) => {
  setClientAddress(request, hops);
  void handle(request, response);
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
