"use client";

import { useEffect, useId, useState } from "react";
import { useFormContext } from "react-hook-form";
import { Button } from "@/components/ui/button";
import {
  CSR_MAX_LENGTH,
  decodeCsr,
  generateKeyAndCsr,
  inspectCsr,
  type CsrGenerationAlgorithm,
  type CsrProblem,
  type CsrSubject,
  type DecodedCsr,
} from "@/lib/csr";
import { getProduct } from "@/lib/sectigo/products";
import type { FieldKey } from "@/lib/sectigo/registry";
import { FieldControl } from "./field-control";
import { KeySaver } from "./key-saver";
import { keyMustBeKept } from "./key-policy";
import { currentOrderId, keepGeneratedKey } from "./key-store";
import { rulesFor } from "./steps";
import type { WizardValues } from "./form-values";

type Inspection = { csr?: DecodedCsr; problems: CsrProblem[] } | null;

const ALGORITHMS: { value: CsrGenerationAlgorithm; label: string }[] = [
  { value: "RSA-3072", label: "RSA 3072 bits (widest support, recommended)" },
  { value: "RSA-2048", label: "RSA 2048 bits" },
  { value: "P-256", label: "ECDSA P-256" },
  { value: "P-384", label: "ECDSA P-384" },
];

function subjectFromForm(values: WizardValues): CsrSubject {
  const text = (key: FieldKey) => {
    const value = values[key];
    return typeof value === "string" && value ? value.trim() : undefined;
  };
  const domains = Array.isArray(values.domainNames) ? (values.domainNames as string[]) : [];
  return {
    commonName: text("primaryDomainName") ?? domains[0] ?? text("organizationName"),
    organizationName: text("organizationName"),
    organizationIdentifier: text("organizationIdentifier"),
    serialNumber: text("personalIdentifier"),
    localityName: text("localityName"),
    stateOrProvinceName: text("stateOrProvinceName"),
    postalCode: text("postalCode"),
    streetAddress: text("streetAddress1"),
    countryName: text("countryName"),
  };
}

/** The CSR step: paste, upload or generate; decoded and checked in the browser as you go. */
export function CsrStep() {
  const { register, setValue, watch, formState } = useFormContext<WizardValues>();
  const csrText = watch("csr");
  const productCode = watch("product");
  const domainNames = watch("domainNames");
  const product = getProduct(productCode);
  const [inspected, setInspected] = useState<{ key: string; result: Inspection }>();
  const [uploadError, setUploadError] = useState<string>();
  const error = (formState.errors.csr as { message?: string } | undefined)?.message;
  const text = typeof csrText === "string" ? csrText.trim() : "";
  const domains =
    product?.qwac && Array.isArray(domainNames) && domainNames.length ? (domainNames as string[]) : undefined;
  const key = `${text}\n${domains?.join(",") ?? ""}`;

  useEffect(() => {
    if (!text) return;
    let cancelled = false;
    void inspectCsr(text, { domainNames: domains }).then((result) => {
      if (!cancelled) setInspected({ key, result });
    });
    return () => {
      cancelled = true;
    };
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps
  const inspection = text && inspected?.key === key ? inspected.result : null;
  const checking = Boolean(text) && inspected?.key !== key;

  async function onFile(file: File | undefined) {
    setUploadError(undefined);
    if (!file) return;
    if (file.size > 200_000) {
      setUploadError("That file is too large to be a CSR (over 200 KB). Choose the .csr, .pem or .der file.");
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const decoded = decodeCsr(bytes);
    if (decoded.ok) setValue("csr", decoded.csr.pem, { shouldDirty: true, shouldValidate: true });
    else setUploadError(decoded.problem.message);
  }

  const inputId = useId();
  return (
    <div className="space-y-5">
      <div>
        <label htmlFor="csr" className="block text-sm font-medium text-slate-800">
          CSR (PEM or Base64) <span className="text-red-700">(required)</span>
        </label>
        <p id="csr-hint" className="mt-0.5 text-xs text-slate-600">
          Starts with <code>-----BEGIN CERTIFICATE REQUEST-----</code>. Only the request is sent; never paste
          a private key.
        </p>
        <textarea
          id="csr"
          rows={8}
          maxLength={CSR_MAX_LENGTH}
          spellCheck={false}
          className={`mt-1 block w-full rounded-md border bg-white px-3 py-2 font-mono text-xs shadow-sm ${
            error ? "border-red-600" : "border-slate-300"
          }`}
          aria-invalid={error ? true : undefined}
          aria-describedby={`csr-hint${error ? " csr-error" : ""} csr-analysis`}
          {...register("csr")}
        />
        {error ? (
          <p id="csr-error" className="mt-1 text-sm text-red-700">
            {error}
          </p>
        ) : null}
        <div className="mt-2">
          <label htmlFor={inputId} className="text-sm font-medium text-slate-800">
            Or upload a CSR file (.csr, .pem, .der)
          </label>
          <input
            id={inputId}
            type="file"
            accept=".csr,.pem,.der,.req,application/pkcs10"
            className="mt-1 block text-sm"
            aria-describedby={uploadError ? `${inputId}-error` : undefined}
            onChange={(e) => void onFile(e.target.files?.[0])}
          />
          {uploadError ? (
            <p id={`${inputId}-error`} role="alert" className="mt-1 text-sm text-red-700">
              {uploadError}
            </p>
          ) : null}
        </div>
      </div>

      <CsrAnalysis inspection={inspection} checking={checking} />
      <KeySaver />
      <CsrGenerator />
    </div>
  );
}

function CsrAnalysis({ inspection, checking }: { inspection: Inspection; checking: boolean }) {
  return (
    <section id="csr-analysis" aria-live="polite" aria-label="What your CSR contains">
      {checking && !inspection ? <p className="text-sm text-slate-600">Checking the CSR…</p> : null}
      {inspection?.problems.length ? (
        <div className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          <p className="font-semibold">Sectigo would reject this CSR:</p>
          <ul className="mt-1 list-disc pl-5">
            {inspection.problems.map((p) => (
              <li key={p.code}>{p.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {inspection?.csr ? (
        <dl className="mt-3 grid grid-cols-1 gap-x-4 gap-y-1 rounded-md border border-slate-200 bg-white p-3 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-slate-600">Subject</dt>
          <dd className="break-all">{inspection.csr.subjectDn || "—"}</dd>
          <dt className="font-medium text-slate-600">Domain names (SAN)</dt>
          <dd className="break-all">{inspection.csr.dnsNames.join(", ") || "none"}</dd>
          <dt className="font-medium text-slate-600">Key</dt>
          <dd>
            {inspection.csr.key.algorithm}
            {inspection.csr.key.bits ? ` ${inspection.csr.key.bits} bits` : ""}
            {inspection.csr.key.curve ? ` ${inspection.csr.key.curve}` : ""}
          </dd>
          <dt className="font-medium text-slate-600">Signature</dt>
          <dd>
            {inspection.csr.signatureAlgorithm}
            {inspection.problems.some((p) => p.code === "bad-signature")
              ? " — does not verify"
              : " — verified"}
          </dd>
        </dl>
      ) : null}
    </section>
  );
}

// Fields the generated CSR's subject is built from; they are the order's own fields, so what the
// customer types here also fills the later steps.
const SUBJECT_FIELDS = [
  "domainNames",
  "organizationName",
  "organizationIdentifier",
  "personalIdentifier",
  "countryName",
] as const;

function CsrGenerator() {
  const { getValues, setValue, clearErrors, watch } = useFormContext<WizardValues>();
  const values = watch();
  const rules = rulesFor(values);
  const [algorithm, setAlgorithm] = useState<CsrGenerationAlgorithm>("RSA-3072");
  const [commonName, setCommonName] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();

  async function generate() {
    setBusy(true);
    setMessage(undefined);
    try {
      const current = getValues();
      const subject = subjectFromForm(current);
      if (commonName.trim()) subject.commonName = commonName.trim();
      if (!subject.commonName) {
        setMessage("Enter the common name (your name, the organization, or the main domain) first.");
        return;
      }
      const dnsNames = Array.isArray(current.domainNames) ? (current.domainNames as string[]) : undefined;
      const { csrPem, privateKey } = await generateKeyAndCsr({ algorithm, subject, dnsNames });
      // Kept in this browser (never sent) before the CSR enters the form, so the guard on leaving
      // the step already knows the key when the CSR is there.
      await keepGeneratedKey(currentOrderId(), csrPem, privateKey);
      // Not validated now: "save your key first" is for when the customer tries to leave.
      setValue("csr", csrPem, { shouldDirty: true });
      clearErrors("csr");
      setMessage(
        "Key pair and CSR generated. Save the private key now (see “Your private key” above): you cannot continue until you have.",
      );
    } catch (error) {
      setMessage(
        `Your browser could not generate the key: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="rounded-md border border-slate-200 bg-white p-3">
      <summary className="cursor-pointer text-sm font-semibold">
        No CSR? Generate a key pair and CSR in your browser
      </summary>
      <div className="mt-3 space-y-3 text-sm">
        <p className="text-slate-700">
          {keyMustBeKept(getValues())
            ? "The key pair is made by your browser (WebCrypto). The private key never leaves this browser: it is kept in the browser's storage for this order, and you save a copy (best protected with a password). Only the CSR is sent with the order."
            : "The key pair is made by your browser (WebCrypto) only to sign the request: the certificate's own key is made on the QSCD token Sectigo ships, so this one need not be kept. Only the CSR is sent with the order."}
        </p>
        <div>
          <label htmlFor="generate-cn" className="block font-medium">
            Common name
          </label>
          <p id="generate-cn-hint" className="text-xs text-slate-600">
            Your full name, the organization&apos;s name, or for a website certificate the main domain. Left
            empty, it is taken from the fields below.
          </p>
          <input
            id="generate-cn"
            aria-describedby="generate-cn-hint"
            value={commonName}
            maxLength={64}
            onChange={(e) => setCommonName(e.target.value)}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2"
          />
        </div>
        {rules
          ? SUBJECT_FIELDS.filter((key) => rules[key] !== "forbidden").map((key) => (
              <FieldControl key={key} name={key} rule={rules[key]} />
            ))
          : null}
        <div>
          <label htmlFor="generate-algorithm" className="block font-medium">
            Key type
          </label>
          <select
            id="generate-algorithm"
            value={algorithm}
            onChange={(e) => setAlgorithm(e.target.value as CsrGenerationAlgorithm)}
            className="mt-1 w-full max-w-full rounded-md border border-slate-300 bg-white px-3 py-2 sm:w-auto"
          >
            {ALGORITHMS.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
        </div>
        <Button type="button" variant="secondary" onClick={() => void generate()} disabled={busy}>
          {busy ? "Generating…" : "Generate key pair and CSR"}
        </Button>
        <div aria-live="polite">{message ? <p className="text-slate-800">{message}</p> : null}</div>
      </div>
    </details>
  );
}
