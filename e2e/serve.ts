import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { SERVER_LOG } from "./secrets";

// Starts the production server for the browser tests (scripts/serve.mjs, as `npm start` does) and keeps everything it prints in
// .reports/server.log as well, so the last test can search the whole run's log for secrets.
const [port] = process.argv.slice(2);
mkdirSync(dirname(SERVER_LOG), { recursive: true });
const log = createWriteStream(SERVER_LOG, { flags: "a" });
const child = spawn(process.execPath, ["scripts/serve.mjs", "-p", port ?? "3100", "-H", "127.0.0.1"], {
  stdio: ["ignore", "pipe", "pipe"],
});
// The server logs at debug level so the sweep has every line to search; the console gets only
// warnings, errors and what is not a log line (Next.js's own messages).
const quiet = /^\{"level":(10|20|30),/;
function relay(chunk: Buffer, console: NodeJS.WriteStream): void {
  log.write(chunk);
  const shown = chunk
    .toString("utf8")
    .split("\n")
    .filter((line) => line && !quiet.test(line));
  if (shown.length) console.write(`${shown.join("\n")}\n`);
}
child.stdout.on("data", (chunk: Buffer) => relay(chunk, process.stdout));
child.stderr.on("data", (chunk: Buffer) => relay(chunk, process.stderr));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => log.end(() => process.exit(code ?? 1)));
