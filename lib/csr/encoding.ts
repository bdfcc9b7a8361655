// Base64 and PEM helpers built on atob/btoa so the library runs unchanged in the browser.

const PEM_LINE_LENGTH = 64;

// Node's Buffer where there is one (the server): ten times cheaper than the btoa loop.
const NodeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer;

export function bytesToBase64(bytes: Uint8Array): string {
  if (NodeBuffer) return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** Decodes standard base64 (padding optional); returns null for anything else. */
export function base64ToBytes(base64: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) return null;
  const unpadded = base64.replace(/=+$/, "");
  if (unpadded.length % 4 === 1) return null;
  const padded = unpadded + "=".repeat((4 - (unpadded.length % 4)) % 4);
  // Padding may be left out, but when present it must be the right amount.
  if (base64 !== padded && base64 !== unpadded) return null;
  try {
    const binary = atob(padded);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

export function toPem(base64: string, label: string): string {
  const lines = base64.match(new RegExp(`.{1,${PEM_LINE_LENGTH}}`, "g")) ?? [];
  return [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`, ""].join("\n");
}

export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}
