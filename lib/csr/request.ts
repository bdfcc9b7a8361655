import { CertificationRequest } from "@peculiar/asn1-csr";
import {
  id_mgf1,
  id_sha1,
  id_sha224,
  id_sha256,
  id_sha384,
  id_sha512,
  id_sha512_224,
  id_sha512_256,
  RsaSaPssParams,
  RSAPublicKey,
} from "@peculiar/asn1-rsa";
import { AsnConvert } from "@peculiar/asn1-schema";
import { AlgorithmIdentifier, Extensions } from "@peculiar/asn1-x509";
import { x509 } from "./x509";

// What a CSR holds beyond @peculiar/x509's public surface, read with the @peculiar ASN.1 schemas
// from the parse x509 already made (its `asn` is protected, so a subclass hands it out).

const EXTENSION_REQUEST = "1.2.840.113549.1.9.14";
// Microsoft's older extension request (certreq.exe); OpenSSL reads extensions from it too.
const MS_EXTENSION_REQUEST = "1.3.6.1.4.1.311.2.1.14";

/** A CSR as @peculiar/x509 reads it, plus its parsed ASN.1 structure. */
export class CsrRequest extends x509.Pkcs10CertificateRequest {
  get structure(): CertificationRequest {
    return this.asn;
  }

  /**
   * The requested extensions. x509's own `extensions` parses every attribute first, and throws on
   * a challengePassword it has no schema for (an IA5String, which OpenSSL writes and reads); the
   * CA reads only the extension request, so only that one is read here.
   */
  get requestedExtensions(): x509.Extension[] {
    const extensions: x509.Extension[] = [];
    for (const attribute of this.asn.certificationRequestInfo.attributes) {
      if (attribute.type !== EXTENSION_REQUEST && attribute.type !== MS_EXTENSION_REQUEST) continue;
      for (const value of attribute.values) {
        for (const extension of AsnConvert.parse(value, Extensions)) {
          extensions.push(x509.ExtensionFactory.create(AsnConvert.serialize(extension)));
        }
      }
    }
    return extensions;
  }
}

export interface RsaPublicNumbers {
  modulus: bigint;
  exponent: bigint;
}

/** An unsigned big-endian integer (browser-safe: no Buffer). */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  let hex = "";
  for (const byte of bytes) hex += byte.toString(16).padStart(2, "0");
  return hex ? BigInt(`0x${hex}`) : 0n;
}

/** The modulus and exponent of a DER RSAPublicKey (an RSA SPKI's key bits), or null. */
export function readRsaPublicKey(bits: Uint8Array | ArrayBuffer): RsaPublicNumbers | null {
  try {
    const key = AsnConvert.parse(bits, RSAPublicKey);
    return {
      modulus: bytesToBigInt(new Uint8Array(key.modulus)),
      exponent: bytesToBigInt(new Uint8Array(key.publicExponent)),
    };
  } catch {
    return null;
  }
}

/** The WebCrypto names of the hashes RSASSA-PSS may use here (RFC 4055 §2.1, less SHA-224). */
const PSS_HASHES: Record<string, PssHash> = {
  [id_sha1]: "SHA-1",
  [id_sha256]: "SHA-256",
  [id_sha384]: "SHA-384",
  [id_sha512]: "SHA-512",
};

export type PssHash = "SHA-1" | "SHA-256" | "SHA-384" | "SHA-512";

export interface PssParameters {
  hash: PssHash;
  mgf1Hash: PssHash;
  saltLength: number;
}

function hashOf(algorithm: AlgorithmIdentifier): PssHash | undefined {
  const parameters = algorithm.parameters ? new Uint8Array(algorithm.parameters) : undefined;
  // RFC 4055 §2.1: the hash's parameters are absent or NULL, and both must be accepted.
  const nullOrAbsent =
    !parameters || (parameters.length === 2 && parameters[0] === 0x05 && parameters[1] === 0);
  return nullOrAbsent ? PSS_HASHES[algorithm.algorithm] : undefined;
}

/**
 * The RSASSA-PSS-params of a signature algorithm (RFC 4055 §3.1; absent fields take the
 * defaults SHA-1, MGF1 with SHA-1, salt 20), or null when they cannot be verified here: no
 * parameters, a mask generation function other than MGF1, a trailer field other than 1, or a
 * hash WebCrypto lacks (SHA-224, SHA-512/256, ...).
 */
export function readPssParameters(algorithm: AlgorithmIdentifier): PssParameters | null {
  if (!algorithm.parameters) return null;
  try {
    const params = AsnConvert.parse(algorithm.parameters, RsaSaPssParams);
    const mgf = params.maskGenAlgorithm;
    if (mgf.algorithm !== id_mgf1 || !mgf.parameters || params.trailerField !== 1) return null;
    const hash = hashOf(params.hashAlgorithm);
    const mgf1Hash = hashOf(AsnConvert.parse(mgf.parameters, AlgorithmIdentifier));
    if (!hash || !mgf1Hash || params.saltLength < 0) return null;
    return { hash, mgf1Hash, saltLength: params.saltLength };
  } catch {
    return null;
  }
}

const OTHER_HASH_NAMES: Record<string, string> = {
  [id_sha224]: "SHA-224",
  [id_sha512_224]: "SHA-512/224",
  [id_sha512_256]: "SHA-512/256",
};

/** How an RSASSA-PSS signature that cannot be verified here is named to the customer. */
export function describeUnverifiablePss(algorithm: AlgorithmIdentifier): string {
  try {
    if (!algorithm.parameters) return "RSA-PSS without its parameters";
    const params = AsnConvert.parse(algorithm.parameters, RsaSaPssParams);
    const hash = params.hashAlgorithm.algorithm;
    const name = PSS_HASHES[hash] ?? OTHER_HASH_NAMES[hash];
    if (params.maskGenAlgorithm.algorithm !== id_mgf1) return "RSA-PSS with a mask function other than MGF1";
    return name ? `RSA-PSS with ${name}` : `RSA-PSS with the hash ${hash}`;
  } catch {
    return "RSA-PSS with unreadable parameters";
  }
}
