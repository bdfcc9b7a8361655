// @peculiar/x509 resolves its algorithms through tsyringe, which needs the Reflect metadata
// API before the library is evaluated. Import x509 through this module only, so the polyfill
// is always loaded first, in the browser and on the server alike.
import "reflect-metadata";
import * as x509 from "@peculiar/x509";

/** The platform's WebCrypto (browser, or Node >= 20's globalThis.crypto). */
export function webCrypto(): Crypto {
  const crypto = globalThis.crypto;
  if (!crypto?.subtle) throw new Error("WebCrypto is not available in this environment");
  return crypto;
}

if (globalThis.crypto?.subtle) x509.cryptoProvider.set(globalThis.crypto);

export { x509 };
