import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { SERVER_LOG } from "./secrets";

// Starts the production server for the browser tests and keeps everything it prints in
// .reports/server.log as well, so the last test can search the whole run's log for secrets.
const [port] = process.argv.slice(2);
mkdirSync(dirname(SERVER_LOG), { recursive: true });
const log = createWriteStream(SERVER_LOG, { flags: "a" });
const child = spawn(
  process.execPath,
  ["node_modules/next/dist/bin/next", "start", "-p", port ?? "3100", "-H", "127.0.0.1"],
  { stdio: ["ignore", "pipe", "pipe"] },
);
child.stdout.on("data", (chunk: Buffer) => {
  process.stdout.write(chunk);
  log.write(chunk);
});
child.stderr.on("data", (chunk: Buffer) => {
  process.stderr.write(chunk);
  log.write(chunk);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => log.end(() => process.exit(code ?? 1)));
