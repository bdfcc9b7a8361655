// A password-protected PKCS#8 file (EncryptedPrivateKeyInfo, RFC 5958) encrypted with PBES2
// (RFC 8018): PBKDF2 with HMAC-SHA256 and AES-256-CBC, the scheme OpenSSL 3 writes by default,
// so `openssl pkey`, web servers and key stores open it. The DER comes from the @peculiar/asn1
// schemas @peculiar/x509 is built on; the cryptography is WebCrypto, so this runs in the browser.
import { AsnConvert, AsnProp, AsnPropTypes, AsnType, AsnTypeTypes, OctetString } from "@peculiar/asn1-schema";
import { EncryptedData, EncryptedPrivateKeyInfo } from "@peculiar/asn1-pkcs8";
import { AlgorithmIdentifier } from "@peculiar/asn1-x509";
import { bytesToBase64, toArrayBuffer, toPem } from "./encoding";
import { webCrypto } from "./x509";

const OID = {
  pbes2: "1.2.840.113549.1.5.13",
  pbkdf2: "1.2.840.113549.1.5.12",
  hmacWithSha256: "1.2.840.113549.2.9",
  aes256Cbc: "2.16.840.1.101.3.4.1.42",
} as const;

// OWASP's 2023 figure for PBKDF2-HMAC-SHA256; OpenSSL's own default (2048) is far too low for a
// file that may be copied anywhere. Takes well under a second in a browser.
const ITERATIONS = 600_000;
const SALT_BYTES = 16;
const IV_BYTES = 16;
const DER_NULL = new Uint8Array([0x05, 0x00]);

/**
 * PBKDF2-params ::= SEQUENCE { salt OCTET STRING, iterationCount INTEGER,
 *   keyLength INTEGER OPTIONAL, prf AlgorithmIdentifier DEFAULT hmacWithSHA1 }
 * keyLength is left out, as OpenSSL does: AES-256 fixes it.
 */
class Pbkdf2Params {
  salt: ArrayBuffer = new ArrayBuffer(0);
  iterationCount = 0;
  prf = new AlgorithmIdentifier();
  constructor(params: Partial<Pbkdf2Params> = {}) {
    Object.assign(this, params);
  }
}

/** PBES2-params ::= SEQUENCE { keyDerivationFunc AlgorithmIdentifier, encryptionScheme AlgorithmIdentifier } */
class Pbes2Params {
  keyDerivationFunc = new AlgorithmIdentifier();
  encryptionScheme = new AlgorithmIdentifier();
  constructor(params: Partial<Pbes2Params> = {}) {
    Object.assign(this, params);
  }
}

// The schema library's decorators, applied as plain calls: this project compiles without
// TypeScript's legacy decorator syntax.
AsnType({ type: AsnTypeTypes.Sequence })(Pbkdf2Params);
AsnProp({ type: AsnPropTypes.OctetString })(Pbkdf2Params.prototype, "salt");
AsnProp({ type: AsnPropTypes.Integer })(Pbkdf2Params.prototype, "iterationCount");
AsnProp({ type: AlgorithmIdentifier })(Pbkdf2Params.prototype, "prf");
AsnType({ type: AsnTypeTypes.Sequence })(Pbes2Params);
AsnProp({ type: AlgorithmIdentifier })(Pbes2Params.prototype, "keyDerivationFunc");
AsnProp({ type: AlgorithmIdentifier })(Pbes2Params.prototype, "encryptionScheme");

/**
 * Encrypts an unencrypted PKCS#8 PrivateKeyInfo (WebCrypto's `exportKey("pkcs8")`) under a
 * password; returns the `ENCRYPTED PRIVATE KEY` PEM. A fresh salt and IV every time.
 */
export async function encryptPrivateKey(pkcs8: Uint8Array, password: string): Promise<string> {
  if (!password) throw new Error("A password is required to protect the private key");
  const subtle = webCrypto().subtle;
  const salt = webCrypto().getRandomValues(new Uint8Array(SALT_BYTES));
  const iv = webCrypto().getRandomValues(new Uint8Array(IV_BYTES));

  const secret = await subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, [
    "deriveKey",
  ]);
  const key = await subtle.deriveKey(
    { name: "PBKDF2", salt, iterations: ITERATIONS, hash: "SHA-256" },
    secret,
    { name: "AES-CBC", length: 256 },
    false,
    ["encrypt"],
  );
  // WebCrypto's AES-CBC pads as PKCS#7, which is what PBES2 (and OpenSSL) expect.
  const encrypted = await subtle.encrypt({ name: "AES-CBC", iv }, key, toArrayBuffer(pkcs8));

  const kdf = new Pbkdf2Params({
    salt: toArrayBuffer(salt),
    iterationCount: ITERATIONS,
    prf: new AlgorithmIdentifier({ algorithm: OID.hmacWithSha256, parameters: toArrayBuffer(DER_NULL) }),
  });
  const pbes2 = new Pbes2Params({
    keyDerivationFunc: new AlgorithmIdentifier({
      algorithm: OID.pbkdf2,
      parameters: AsnConvert.serialize(kdf),
    }),
    encryptionScheme: new AlgorithmIdentifier({
      algorithm: OID.aes256Cbc,
      parameters: AsnConvert.serialize(new OctetString(iv)),
    }),
  });
  const info = new EncryptedPrivateKeyInfo({
    encryptionAlgorithm: new AlgorithmIdentifier({
      algorithm: OID.pbes2,
      parameters: AsnConvert.serialize(pbes2),
    }),
    encryptedData: new EncryptedData(encrypted),
  });
  return toPem(bytesToBase64(new Uint8Array(AsnConvert.serialize(info))), "ENCRYPTED PRIVATE KEY");
}
