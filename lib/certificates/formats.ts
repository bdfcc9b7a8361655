import { x509 } from "@/lib/csr/x509";

// The files a customer downloads, all built from the stored, verified certificate and chain.
// There is no PKCS#12 here: the private key never reaches the server (the browser builds it).

export const DOWNLOAD_FORMATS = ["pem", "der", "chain", "p7b"] as const;
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];

export const FORMAT_LABELS: Record<DownloadFormat, { label: string; hint: string }> = {
  pem: { label: "Certificate (PEM)", hint: "the certificate alone, as text (.pem / .crt)" },
  der: { label: "Certificate (DER)", hint: "the certificate alone, binary (.cer), for Windows and Java" },
  chain: {
    label: "Full chain (PEM)",
    hint: "certificate, issuing CA and root in one file, for web servers (nginx, Apache, HAProxy)",
  },
  p7b: {
    label: "PKCS#7 (.p7b)",
    hint: "certificate and chain in one file, for Windows/IIS and Java keystores",
  },
};

export interface StoredCertificate {
  certificatePem: string;
  chainPem: string[];
}

export interface DownloadFile {
  body: Uint8Array;
  contentType: string;
  fileName: string;
}

function pemBlocks(stored: StoredCertificate): string[] {
  return [stored.certificatePem, ...stored.chainPem].map((p) => p.trim());
}

/** The file for one format; `baseName` names it (e.g. the order number). */
export function buildDownload(
  stored: StoredCertificate,
  format: DownloadFormat,
  baseName: string,
): DownloadFile {
  const safe = baseName.replace(/[^A-Za-z0-9._-]/g, "_");
  switch (format) {
    case "pem":
      return {
        body: new TextEncoder().encode(`${stored.certificatePem.trim()}\n`),
        contentType: "application/x-pem-file",
        fileName: `${safe}.pem`,
      };
    case "der":
      return {
        body: new Uint8Array(new x509.X509Certificate(stored.certificatePem).rawData),
        contentType: "application/pkix-cert",
        fileName: `${safe}.cer`,
      };
    case "chain":
      return {
        body: new TextEncoder().encode(`${pemBlocks(stored).join("\n")}\n`),
        contentType: "application/x-pem-file",
        fileName: `${safe}-fullchain.pem`,
      };
    case "p7b": {
      const all = new x509.X509Certificates(pemBlocks(stored).map((p) => new x509.X509Certificate(p)));
      // Armoured as PKCS7, the label OpenSSL, Windows and Java expect of a .p7b.
      const base64 = Buffer.from(all.export("raw")).toString("base64");
      const lines = base64.match(/.{1,64}/g) ?? [];
      return {
        body: new TextEncoder().encode(`-----BEGIN PKCS7-----\n${lines.join("\n")}\n-----END PKCS7-----\n`),
        contentType: "application/x-pkcs7-certificates",
        fileName: `${safe}.p7b`,
      };
    }
  }
}
