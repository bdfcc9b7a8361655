import "server-only";
import { createHash } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import { x509 } from "@/lib/csr/x509";
import { REVOCATION_REASONS } from "@/lib/sectigo/after-ordering";

// A key reported lost or exposed when its certificate was revoked is never certified again
// (CA/B Forum BR 4.9.1.1 and the revoked page's promise). The revocation records the key's
// SubjectPublicKeyInfo hash (CompromisedKey); the claim of a later order refuses a CSR carrying
// it (lib/orders/lifecycle/store.ts), so the check costs the send no statement of its own.

export const KEY_COMPROMISE = Number(
  Object.entries(REVOCATION_REASONS).find(([, r]) => r.name === "keyCompromise")?.[0] ?? 1,
);

/** SHA-256 of a SubjectPublicKeyInfo DER, lower-case hex. */
export function spkiSha256(spki: ArrayBuffer): string {
  return createHash("sha256").update(new Uint8Array(spki)).digest("hex");
}

/** Remembers the key of a certificate revoked for key compromise (idempotent). */
export async function recordCompromisedKey(
  tx: Prisma.TransactionClient,
  orderId: string,
  certificatePem: string,
): Promise<void> {
  const spkiHash = spkiSha256(new x509.X509Certificate(certificatePem).publicKey.rawData);
  await tx.compromisedKey.upsert({
    where: { spkiSha256: spkiHash },
    create: { spkiSha256: spkiHash, orderId },
    update: {},
  });
}

export class CompromisedKeyRefused extends Error {
  constructor(readonly revokedOrderNumber: string) {
    super(
      `This CSR's key was reported lost or exposed when the certificate of order ${revokedOrderNumber} was revoked, so it is never certified again. Make a new key and CSR.`,
    );
    this.name = "CompromisedKeyRefused";
  }
}
