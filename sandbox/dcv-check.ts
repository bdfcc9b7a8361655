import { request } from "node:http";
import { decodeWireParams } from "@/lib/sectigo/wire";
import { dcvFileMatches, dcvValues } from "@/lib/sectigo/dcv";
import type { SandboxOrder } from "./state";

// A real HTTP domain-control check: fetch the pki-validation file from the configured target
// (e.g. a test web server on 127.0.0.1) with the domain as Host, and compare it with dcv.ts.

const TIMEOUT_MS = 2_000;
const MAX_BYTES = 16 * 1024;

function get(target: string, host: string, path: string): Promise<{ status: number; body: string }> {
  const [hostname, port] = target.split(":");
  return new Promise((resolve, reject) => {
    const req = request(
      { hostname, port: Number(port || 80), path, method: "GET", headers: { host }, timeout: TIMEOUT_MS },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BYTES) req.destroy(new Error("file too large"));
          else chunks.push(chunk);
        });
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
    req.on("error", reject);
    req.end();
  });
}

export async function checkHttpDcv(
  order: SandboxOrder,
  domain: string,
  target: string,
): Promise<{ ok: boolean; detail: string }> {
  const values = decodeWireParams(new URLSearchParams(order.params)).values;
  const expected = dcvValues(String(values.csr ?? ""), domain, { uniqueValue: order.uniqueValue });
  try {
    const answer = await get(target, domain, expected.httpFile.path);
    if (answer.status !== 200)
      return { ok: false, detail: `HTTP ${answer.status} for ${expected.httpFile.path}` };
    return dcvFileMatches(answer.body, expected.httpFile.content)
      ? { ok: true, detail: "file matches" }
      : { ok: false, detail: "file content does not match" };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}
