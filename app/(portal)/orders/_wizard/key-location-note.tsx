"use client";

import { sameCsr } from "./key-store";
import { useStoredKey } from "./use-stored-key";

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

/**
 * Says where the order's private key is: the review step (with the form's CSR) and the order
 * page (by order id). Read from this browser only; the portal itself never has the key.
 */
export function KeyLocationNote({
  orderId,
  csr,
  token,
}: {
  orderId?: string;
  csr?: unknown;
  /** A QSCD token order: the key is made on the token, the CSR only names the subject. */
  token?: boolean;
}) {
  const { key } = useStoredKey(orderId);
  const ours = key && (csr === undefined || sameCsr(key.csrPem, csr)) ? key : undefined;
  // Until this browser's storage has answered, the text is the one for "no key here", so the
  // page does not change under a customer who made their CSR elsewhere.
  let text =
    "The portal never receives private keys. The key of this certificate is where its CSR was made: with your own tool, or, if you generated it here, in the browser you used and in the file you saved then.";
  if (ours && !ours.saved)
    text =
      "The private key was generated in this browser and is kept in this browser's storage for this portal, but you have not saved a copy yet: go back to the CSR step and save it.";
  else if (ours?.saved)
    text = `The private key is kept in this browser's storage for this portal, locked so that it cannot be read out${
      ours.saved.protectedPem
        ? " (a copy protected with your password is kept beside it, for building the PKCS#12 file)"
        : ""
    }, until you remove it once the certificate is issued, and ${
      ours.saved.how === "protected-file"
        ? `you saved it as the password-protected file ${ours.saved.fileName}`
        : `you confirmed that you stored the downloaded file ${ours.saved.fileName}`
    } on ${when.format(new Date(ours.saved.at))}. Keep that file: it is the only copy outside this browser.`;
  if (token)
    text =
      "The certificate's private key is made on the QSCD token Sectigo ships to you and never leaves it. The CSR only names who the certificate is for; its key is not used.";
  return (
    <section
      aria-labelledby="key-location-heading"
      className="rounded-md border border-slate-200 bg-white p-3 text-sm"
    >
      <h3 id="key-location-heading" className="font-semibold">
        Where your private key is
      </h3>
      <p className="mt-1" aria-live="polite">
        {text}
      </p>
    </section>
  );
}
