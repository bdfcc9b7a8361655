import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { base64ToBytes, toArrayBuffer } from "@/lib/csr/encoding";
import { webCrypto, x509 } from "@/lib/csr/x509";

// Reads the private key a customer kept (the portal's password-protected file, OpenSSL's PKCS#8,
// PKCS#1 or SEC1 PEM, or DER) into an unencrypted PKCS#8 PrivateKeyInfo, and checks it belongs to
// the certificate. Browser code: the key is read from a file the customer picks and never leaves
// the page. The formats and the decryption are PKI.js's; this module only chooses among them.

const OID = {
  rsaEncryption: "1.2.840.113549.1.1.1",
  ecPublicKey: "1.2.840.10045.2.1",
} as const;

export type KeyFileResult =
  | { ok: true; pkcs8: Uint8Array }
  | { ok: false; problem: string; needsPassword?: boolean; wrongPassword?: boolean };

interface PemBlock {
  label: string;
  headers: string;
  der: Uint8Array;
}

function pemBlock(text: string): PemBlock | null {
  const match = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(text);
  if (!match) return null;
  const body = match[2]!;
  // Legacy OpenSSL PEM encryption puts RFC 1421 headers ("Proc-Type: 4,ENCRYPTED") before the data.
  const headerEnd = body.search(/\r?\n\s*\r?\n/);
  const headers = /Proc-Type:/i.test(body) && headerEnd >= 0 ? body.slice(0, headerEnd) : "";
  const base64 = (headers ? body.slice(headerEnd) : body).replace(/\s+/g, "");
  const der = base64ToBytes(base64);
  return der ? { label: match[1]!, headers, der } : null;
}

function wrap(algorithmId: string, params: asn1js.AsnType, inner: Uint8Array): Uint8Array {
  const info = new pkijs.PrivateKeyInfo({
    privateKeyAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId, algorithmParams: params }),
    privateKey: new asn1js.OctetString({ valueHex: toArrayBuffer(inner) }),
  });
  return new Uint8Array(info.toSchema().toBER(false));
}

/** SEC1 ECPrivateKey → PKCS#8: the curve moves from the key's own parameters to the algorithm. */
function fromSec1(der: Uint8Array): KeyFileResult {
  const parsed = asn1js.fromBER(toArrayBuffer(der));
  const seq = parsed.result;
  if (parsed.offset === -1 || !(seq instanceof asn1js.Sequence)) return unreadable();
  const curve = seq.valueBlock.value.find((v) => v.idBlock.tagClass === 3 && v.idBlock.tagNumber === 0) as
    asn1js.Constructed | undefined;
  const oid = curve?.valueBlock.value[0];
  if (!(oid instanceof asn1js.ObjectIdentifier)) {
    return { ok: false, problem: "This EC key file does not name its curve; export it as PKCS#8 instead." };
  }
  return {
    ok: true,
    pkcs8: wrap(OID.ecPublicKey, new asn1js.ObjectIdentifier({ value: oid.getValue() }), der),
  };
}

function unreadable(): KeyFileResult {
  return {
    ok: false,
    problem:
      "This file is not a private key the portal can read. Choose the key file you saved when you made the CSR (PEM or DER, PKCS#8, PKCS#1 or EC).",
  };
}

const isPrivateKeyInfo = (der: Uint8Array) => parses(der, pkijs.PrivateKeyInfo);

async function decrypt(der: Uint8Array, password: string | undefined): Promise<KeyFileResult> {
  if (!password) {
    return { ok: false, needsPassword: true, problem: "This key file is protected: enter its password." };
  }
  let bag: pkijs.PKCS8ShroudedKeyBag;
  try {
    bag = pkijs.PKCS8ShroudedKeyBag.fromBER(toArrayBuffer(der));
  } catch {
    return unreadable();
  }
  const wrong: KeyFileResult = {
    ok: false,
    wrongPassword: true,
    problem: "The password does not open this key file.",
  };
  let decrypted: ArrayBuffer;
  try {
    // What PKI.js does for a shrouded key bag inside a PKCS#12 file: PBES2 per RFC 8018.
    const encrypted = new pkijs.EncryptedData({
      encryptedContentInfo: new pkijs.EncryptedContentInfo({
        contentEncryptionAlgorithm: bag.encryptionAlgorithm,
        encryptedContent: bag.encryptedData,
      }),
    });
    decrypted = await encrypted.decrypt({ password: toArrayBuffer(new TextEncoder().encode(password)) });
  } catch {
    // AES-CBC reports a wrong password as bad padding; a rare wrong password passes the padding
    // and yields garbage, which the PrivateKeyInfo check below catches.
    return wrong;
  }
  const pkcs8 = new Uint8Array(decrypted);
  return isPrivateKeyInfo(pkcs8) ? { ok: true, pkcs8 } : wrong;
}

function parses(der: Uint8Array, type: { fromBER(raw: ArrayBuffer): unknown }): boolean {
  try {
    type.fromBER(toArrayBuffer(der));
    return true;
  } catch {
    return false;
  }
}

/** Binary DER: PKCS#8, encrypted PKCS#8, PKCS#1 (what `openssl pkey -outform DER` writes) or SEC1. */
function readDer(der: Uint8Array, password: string | undefined): Promise<KeyFileResult> | KeyFileResult {
  if (parses(der, pkijs.PrivateKeyInfo)) return { ok: true, pkcs8: der };
  if (parses(der, pkijs.PKCS8ShroudedKeyBag)) return decrypt(der, password);
  if (parses(der, pkijs.RSAPrivateKey))
    return { ok: true, pkcs8: wrap(OID.rsaEncryption, new asn1js.Null(), der) };
  if (parses(der, pkijs.ECPrivateKey)) return fromSec1(der);
  return unreadable();
}

/** The unencrypted PKCS#8 of a key file's bytes; `password` opens a protected one. */
export async function readPrivateKeyFile(bytes: Uint8Array, password?: string): Promise<KeyFileResult> {
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  const block = pemBlock(text);
  if (!block) return readDer(bytes, password);
  if (block.headers) {
    return {
      ok: false,
      problem:
        "This key file uses OpenSSL's old PEM encryption, which browsers cannot open. Convert it once with: openssl pkcs8 -topk8 -v2 aes-256-cbc -in old.key -out new.key",
    };
  }
  switch (block.label) {
    case "PRIVATE KEY":
      return isPrivateKeyInfo(block.der) ? { ok: true, pkcs8: block.der } : unreadable();
    case "ENCRYPTED PRIVATE KEY":
      return decrypt(block.der, password);
    case "RSA PRIVATE KEY":
      return { ok: true, pkcs8: wrap(OID.rsaEncryption, new asn1js.Null(), block.der) };
    case "EC PRIVATE KEY":
      return fromSec1(block.der);
    case "CERTIFICATE REQUEST":
    case "CERTIFICATE":
      return {
        ok: false,
        problem: `This file holds a ${block.label === "CERTIFICATE" ? "certificate" : "CSR"}, not a private key. Choose the key file you saved when you made the CSR.`,
      };
    default:
      return unreadable();
  }
}

type KeyAlgorithm = RsaHashedImportParams | EcKeyImportParams;

/** How WebCrypto must import a key of this certificate's type, or null for one it cannot pack. */
function importAlgorithm(certificate: x509.X509Certificate): KeyAlgorithm | null {
  const algorithm = certificate.publicKey.algorithm as { name: string; namedCurve?: string };
  if (
    algorithm.name === "RSASSA-PKCS1-v1_5" ||
    algorithm.name === "RSA-PSS" ||
    algorithm.name === "RSA-OAEP"
  ) {
    return { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
  }
  if (algorithm.name === "ECDSA" && algorithm.namedCurve)
    return { name: "ECDSA", namedCurve: algorithm.namedCurve };
  return null;
}

const PUBLIC_MEMBERS = ["kty", "n", "e", "crv", "x", "y"] as const;

/**
 * Whether the key belongs to the certificate: the key's public half (read through WebCrypto's JWK
 * export, in memory only) equals the certificate's public key.
 */
export async function keyMatchesCertificate(
  pkcs8: Uint8Array,
  certificatePem: string,
): Promise<KeyFileResult> {
  const certificate = new x509.X509Certificate(certificatePem);
  const algorithm = importAlgorithm(certificate);
  if (!algorithm) {
    return { ok: false, problem: "The portal can build a PKCS#12 file for RSA and EC keys only." };
  }
  const subtle = webCrypto().subtle;
  let privateJwk: JsonWebKey;
  try {
    const key = await subtle.importKey("pkcs8", toArrayBuffer(pkcs8), algorithm, true, ["sign"]);
    privateJwk = await subtle.exportKey("jwk", key);
  } catch {
    return { ok: false, problem: "This key is of another type than the certificate's key." };
  }
  const publicKey = await certificate.publicKey.export(algorithm, ["verify"], webCrypto());
  const publicJwk = await subtle.exportKey("jwk", publicKey);
  const same = PUBLIC_MEMBERS.every((m) => privateJwk[m] === publicJwk[m]);
  return same
    ? { ok: true, pkcs8 }
    : {
        ok: false,
        problem:
          "This private key does not belong to this certificate. Choose the key file saved for this order's CSR.",
      };
}
