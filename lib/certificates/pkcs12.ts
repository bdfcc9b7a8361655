import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { toArrayBuffer } from "@/lib/csr/encoding";
import { webCrypto, x509 } from "@/lib/csr/x509";

// A PKCS#12 (.p12/.pfx) file of the certificate, its chain and the customer's private key, built
// in the browser so the key never reaches the server. The layout is OpenSSL 3's default, which
// Windows (10 1709 and later), macOS, Java and OpenSSL open: the key in a PKCS#8 shrouded bag
// under PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC), the certificates in a PBES2-encrypted safe, and
// an HMAC-SHA256 integrity MAC. PKI.js writes the structures and derives the MAC key.

const BAG = { key: "1.2.840.113549.1.12.10.1.2", cert: "1.2.840.113549.1.12.10.1.3" } as const;
const ATTRIBUTE = { friendlyName: "1.2.840.113549.1.9.20", localKeyId: "1.2.840.113549.1.9.21" } as const;

// PBKDF2 for the encryption (WebCrypto, fast); the MAC's PKCS#12 key derivation runs in
// JavaScript, so it gets fewer rounds than PBKDF2, but far more than OpenSSL's 2048.
export const PKCS12_PBKDF2_ITERATIONS = 600_000;
export const PKCS12_MAC_ITERATIONS = 100_000;

export interface Pkcs12Input {
  /** Unencrypted PKCS#8 PrivateKeyInfo of the certificate's key. */
  pkcs8: Uint8Array;
  /** The certificate first, then its chain (issuing CA first), as PEM. */
  certificates: string[];
  password: string;
  /** The name a key store shows for the entry. */
  friendlyName: string;
}

function der(pem: string): ArrayBuffer {
  return new x509.X509Certificate(pem.trim()).rawData;
}

function bagAttributes(friendlyName: string | null, localKeyId: ArrayBuffer | null): pkijs.Attribute[] {
  const attributes: pkijs.Attribute[] = [];
  if (friendlyName)
    attributes.push(
      new pkijs.Attribute({
        type: ATTRIBUTE.friendlyName,
        values: [new asn1js.BmpString({ value: friendlyName })],
      }),
    );
  if (localKeyId)
    attributes.push(
      new pkijs.Attribute({
        type: ATTRIBUTE.localKeyId,
        values: [new asn1js.OctetString({ valueHex: localKeyId })],
      }),
    );
  return attributes;
}

/** The PKCS#12 file's bytes. */
export async function buildPkcs12(input: Pkcs12Input): Promise<Uint8Array> {
  if (!input.password) throw new Error("A password is required to protect the PKCS#12 file");
  if (input.certificates.length === 0) throw new Error("The certificate is missing");
  const crypto = webCrypto();
  pkijs.setEngine("webcrypto", new pkijs.CryptoEngine({ name: "webcrypto", crypto }));
  const password = toArrayBuffer(new TextEncoder().encode(input.password));

  const [leaf, ...chain] = input.certificates.map(der);
  // The local key id ties the key to its certificate, as OpenSSL writes it: the leaf's SHA-1.
  const localKeyId = await crypto.subtle.digest("SHA-1", leaf!);

  const keyBag = new pkijs.SafeBag({
    bagId: BAG.key,
    bagValue: new pkijs.PKCS8ShroudedKeyBag({
      parsedValue: pkijs.PrivateKeyInfo.fromBER(toArrayBuffer(input.pkcs8)),
    }),
    bagAttributes: bagAttributes(input.friendlyName, localKeyId),
  });
  const certBags = [leaf!, ...chain].map(
    (raw, i) =>
      new pkijs.SafeBag({
        bagId: BAG.cert,
        bagValue: new pkijs.CertBag({ parsedValue: pkijs.Certificate.fromBER(raw) }),
        bagAttributes: i === 0 ? bagAttributes(input.friendlyName, localKeyId) : [],
      }),
  );

  const encryption = {
    password,
    // PKI.js draws the IV itself; the type asks for one.
    contentEncryptionAlgorithm: { name: "AES-CBC", length: 256 } as pkijs.ContentEncryptionAesCbcParams,
    hmacHashAlgorithm: "SHA-256",
    iterationCount: PKCS12_PBKDF2_ITERATIONS,
  };
  await (keyBag.bagValue as pkijs.PKCS8ShroudedKeyBag).makeInternalValues(encryption);

  const pfx = new pkijs.PFX({
    parsedValue: {
      integrityMode: 0,
      authenticatedSafe: new pkijs.AuthenticatedSafe({
        parsedValue: {
          safeContents: [
            // The certificates encrypted, the key (already shrouded) as plain data: OpenSSL's layout.
            { privacyMode: 1, value: new pkijs.SafeContents({ safeBags: certBags }) },
            { privacyMode: 0, value: new pkijs.SafeContents({ safeBags: [keyBag] }) },
          ],
        },
      }),
    },
  });
  await pfx.parsedValue!.authenticatedSafe!.makeInternalValues({ safeContents: [encryption, {}] });
  await pfx.makeInternalValues({
    password,
    iterations: PKCS12_MAC_ITERATIONS,
    pbkdf2HashAlgorithm: "SHA-256",
    hmacHashAlgorithm: "SHA-256",
  });
  return new Uint8Array(pfx.toSchema().toBER(false));
}
