import { pathToFileURL } from "node:url";
import { buildIfNeeded, START_BUNDLE } from "./build-if-needed.mjs";

// `npm start`: build when the sources changed (next build and the compiled start script), then
// run the compiled start script. Nothing is compiled at run time; the portal itself is `next
// start` over the .next build. PORTAL_START_BUILD skips the build's type check (see next.config.js).
try {
  await buildIfNeeded({ ...process.env, PORTAL_START_BUILD: "1" });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
await import(pathToFileURL(START_BUNDLE).href);
