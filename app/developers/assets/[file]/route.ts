import { readFile } from "node:fs/promises";
import path from "node:path";
// The package path helper alone: its index would load the whole viewer into the server.
import getAbsoluteFSPath from "swagger-ui-dist/absolute-path.js";

// The API reference's viewer, Swagger UI, served from the installed swagger-ui-dist package: the
// page works without any outside server, and these files fall under the page's policy of
// same-origin styles and scripts loaded by its nonce'd script.
const ASSETS: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
};

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const type = ASSETS[file];
  if (!type) return new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain" } });
  const body = await readFile(path.join(getAbsoluteFSPath(), file));
  return new Response(body, {
    headers: { "content-type": type, "cache-control": "public, max-age=86400" },
  });
}
