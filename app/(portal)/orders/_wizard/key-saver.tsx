"use client";

import { useEffect, useState } from "react";
import { useFormContext } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { encryptPrivateKey } from "@/lib/csr";
import { bytesToBase64, toPem } from "@/lib/csr/encoding";
import { markKeyDownloaded, markKeySaved, PLAIN_FILE_NAME, PROTECTED_FILE_NAME, sameCsr } from "./key-store";
import { useStoredKey } from "./use-stored-key";
import { keyMustBeKept } from "./key-policy";
import type { WizardValues } from "./form-values";

const MIN_PASSWORD = 12;
const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

function download(text: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/x-pem-file" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

async function pkcs8Of(key: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.exportKey("pkcs8", key));
}

/**
 * Where the generated key is and how to save it. Until a copy is saved (a password-protected
 * file, or the plain file and an explicit confirmation) the CSR step cannot be left and leaving
 * the page asks first. The password lives in this component only: never in the form or the draft.
 */
export function KeySaver() {
  const { watch, getValues, setValue, trigger, formState } = useFormContext<WizardValues>();
  const csr = watch("csr");
  const { key } = useStoredKey();
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const [plainUrl, setPlainUrl] = useState<string>();
  const keep = keyMustBeKept(getValues());
  const unsaved = keep && Boolean(key && !key.saved && sameCsr(key.csrPem, csr));

  // The unprotected file is a plain link (it works without JavaScript tricks and is what most
  // tools expect), made only while the key can still be exported.
  useEffect(() => {
    if (!key || key.saved || !key.privateKey.extractable) return;
    let url: string | undefined;
    let cancelled = false;
    void pkcs8Of(key.privateKey).then((pkcs8) => {
      if (cancelled) return;
      url = URL.createObjectURL(
        new Blob([toPem(bytesToBase64(pkcs8), "PRIVATE KEY")], { type: "application/x-pem-file" }),
      );
      setPlainUrl(url);
    });
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
      setPlainUrl(undefined);
    };
  }, [key]);

  // After a reload before the draft was saved, the form has no CSR yet; the one kept with the
  // key is put back, so the key and its CSR are never separated.
  useEffect(() => {
    const current = getValues("csr");
    if (key && (typeof current !== "string" || current.trim() === "")) {
      setValue("csr", key.csrPem, { shouldDirty: true });
    }
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [unsaved]);

  if (!key || !sameCsr(key.csrPem, csr)) return null;
  if (!keep)
    return (
      <section aria-labelledby="key-saver-heading" className="rounded-md border border-slate-200 p-3 text-sm">
        <h3 id="key-saver-heading" className="font-semibold">
          Your private key
        </h3>
        <p className="mt-1">
          This key only signs the request. Sectigo makes the certificate&rsquo;s own key on the QSCD token it
          ships to you, so you need not keep this one.
        </p>
      </section>
    );

  // A shown "save your key" error goes away as soon as the key is saved.
  const recheck = () => {
    if (formState.errors.csr) void trigger("csr");
  };

  async function saveProtected() {
    if (!key) return;
    setProblem(undefined);
    if (password.length < MIN_PASSWORD) {
      setProblem(`Choose a password of at least ${MIN_PASSWORD} characters for the key file.`);
      return;
    }
    if (password !== repeat) {
      setProblem("The two passwords are not the same. Type the password again in both fields.");
      return;
    }
    setBusy(true);
    try {
      const protectedPem = await encryptPrivateKey(await pkcs8Of(key.privateKey), password);
      download(protectedPem, PROTECTED_FILE_NAME);
      await markKeySaved(key.orderId, "protected-file", PROTECTED_FILE_NAME, protectedPem);
      setPassword("");
      setRepeat("");
      recheck();
    } catch (error) {
      setProblem(
        `Your browser could not write the key file: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      setBusy(false);
    }
  }

  async function confirm(checked: boolean) {
    setConfirmed(checked);
    if (!key || !checked) return;
    await markKeySaved(key.orderId, "confirmed", PLAIN_FILE_NAME);
    recheck();
  }

  const problemId = "key-password-problem";
  return (
    <section
      aria-labelledby="key-saver-heading"
      className={`rounded-md border p-3 text-sm ${unsaved ? "border-amber-400 bg-amber-50" : "border-emerald-300 bg-emerald-50"}`}
    >
      <h3 id="key-saver-heading" className="font-semibold">
        Your private key
      </h3>
      <p aria-live="polite" className="mt-1">
        {key.saved
          ? key.saved.how === "protected-file"
            ? `The private key is kept in this browser and you saved it as a password-protected file (${key.saved.fileName}) on ${when.format(new Date(key.saved.at))}.`
            : `The private key is kept in this browser and you confirmed that you stored it (${key.saved.fileName}) on ${when.format(new Date(key.saved.at))}.`
          : "The private key for this CSR is kept in this browser but not saved yet. Save a copy now: you need it to use the certificate, and the portal never receives it."}
      </p>
      {key.saved ? (
        <p className="mt-1 text-slate-700">
          The browser&apos;s copy can no longer be exported; keep your file safe. It stays in this browser
          until you remove it on the order page, where the issued certificate can be packed with it into a
          PKCS#12 file.
        </p>
      ) : (
        <div className="mt-3 space-y-3">
          <div className="grid gap-3 sm:grid-cols-2">
            <div>
              <label htmlFor="key-password" className="block font-medium">
                Password for the key file
              </label>
              <input
                id="key-password"
                type="password"
                autoComplete="new-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === "Enter") {
                    e.preventDefault();
                    void saveProtected();
                  }
                }}
                aria-invalid={problem ? true : undefined}
                aria-describedby={`key-password-hint${problem ? ` ${problemId}` : ""}`}
                className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2"
              />
              <p id="key-password-hint" className="mt-0.5 text-xs text-slate-600">
                At least {MIN_PASSWORD} characters. You need it whenever the key is installed; it cannot be
                reset.
              </p>
            </div>
            <div>
              <label htmlFor="key-password-repeat" className="block font-medium">
                Repeat the password
              </label>
              <input
                id="key-password-repeat"
                type="password"
                autoComplete="new-password"
                value={repeat}
                onChange={(e) => setRepeat(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === "Enter") {
                    e.preventDefault();
                    void saveProtected();
                  }
                }}
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? problemId : undefined}
                className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2"
              />
            </div>
          </div>
          <div aria-live="assertive">
            {problem ? (
              <p id={problemId} role="alert" className="text-red-700">
                {problem}
              </p>
            ) : null}
          </div>
          <Button type="button" onClick={() => void saveProtected()} disabled={busy}>
            {busy ? "Encrypting the key…" : `Download the password-protected key (${PROTECTED_FILE_NAME})`}
          </Button>
          <div className="border-t border-amber-200 pt-3">
            {plainUrl ? (
              <a
                href={plainUrl}
                download={PLAIN_FILE_NAME}
                onClick={() => void markKeyDownloaded(key.orderId)}
                className="text-brand-700 font-semibold underline"
              >
                Download the private key without a password ({PLAIN_FILE_NAME})
              </a>
            ) : null}
          </div>
        </div>
      )}
      {/* Outside the unsaved block: the box the customer ticked stays the same element (and keeps
          focus) when the confirmation turns the section into "saved". */}
      {(key.downloadedAt && !key.saved) || key.saved?.how === "confirmed" ? (
        <div className="mt-2 flex items-start gap-2">
          <input
            id="key-stored"
            type="checkbox"
            className="mt-0.5 size-4"
            checked={confirmed || key.saved?.how === "confirmed"}
            disabled={Boolean(key.saved)}
            onChange={(e) => void confirm(e.target.checked)}
          />
          <label htmlFor="key-stored">I have stored the private key in a safe place</label>
        </div>
      ) : null}
    </section>
  );
}
