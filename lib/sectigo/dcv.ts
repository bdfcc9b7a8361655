import { createHash } from "node:crypto";
import { decodeCsr } from "@/lib/csr";
import { DCV_FILE_DIRECTORY, DCV_HOST } from "./after-ordering";

// The values a customer publishes for HTTP(S)/CNAME domain control validation (spec
// after-ordering §5, CA/B Forum BR 3.2.2.4), computed from the DER of the CSR. Server-side
// only (node:crypto); no "server-only" marker because the sandbox CA runs it outside Next.

export interface DcvValues {
  /** MD5 of the CSR DER, upper-case hex (the file name). */
  md5: string;
  /** SHA-256 of the CSR DER, lower-case hex. */
  sha256: string;
  httpFile: { path: string; content: string };
  cname: { name: string; target: string };
}

export interface DcvOptions {
  /** The order's unique value, if Sectigo returned or was given one. */
  uniqueValue?: string;
  /** The CA host; the registry's (grade C) value when omitted. */
  host?: string;
}

function derOf(csr: string | Uint8Array): Buffer {
  if (typeof csr !== "string") return Buffer.from(csr);
  const decoded = decodeCsr(csr);
  if (!decoded.ok) throw new Error(`Not a CSR: ${decoded.problem.code}`);
  return Buffer.from(decoded.csr.base64, "base64");
}

/** The HTTP file and CNAME record for one domain of an order (CSR as PEM, base64 or DER). */
export function dcvValues(csr: string | Uint8Array, domain: string, opts: DcvOptions = {}): DcvValues {
  const der = derOf(csr);
  const md5 = createHash("md5").update(der).digest("hex").toUpperCase();
  const sha256 = createHash("sha256").update(der).digest("hex");
  const host = opts.host ?? DCV_HOST.wire;
  const unique = opts.uniqueValue?.trim() || undefined;
  const lines = [sha256, host, ...(unique ? [unique] : [])];
  const targetParts = [sha256.slice(0, 32), sha256.slice(32), ...(unique ? [unique] : []), host];
  return {
    md5,
    sha256,
    httpFile: { path: `${DCV_FILE_DIRECTORY}${md5}.txt`, content: lines.join("\n") },
    cname: {
      name: `_${md5.toLowerCase()}.${domain.replace(/\.$/, "").toLowerCase()}`,
      target: targetParts.join(".").toLowerCase(),
    },
  };
}

/** Whether a published file body matches: the same lines, ignoring surrounding white space. */
export function dcvFileMatches(published: string, expected: string): boolean {
  const norm = (text: string) =>
    text
      .split(/\r\n|\r|\n/)
      .map((line) => line.trim())
      .filter((line) => line !== "");
  const a = norm(published);
  const b = norm(expected);
  return a.length === b.length && a.every((line, i) => line.toLowerCase() === b[i]!.toLowerCase());
}
