"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { controlProps, FieldFrame, TextField } from "@/components/ui/field";
import { forgetKey } from "../_wizard/key-store";
import { useStoredKey } from "../_wizard/use-stored-key";

// The PKCS#12 (.p12/.pfx) file, built in this browser from the certificate and the customer's
// private key: the protected copy this browser kept when the key was generated here, or a key
// file the customer picks. Nothing of the key is sent anywhere; the form has no server action.

const MIN_PASSWORD = 8;

const schema = z
  .object({
    source: z.enum(["browser", "file"]),
    keyFile: z.custom<FileList>().optional(),
    keyPassword: z.string(),
    password: z.string().min(MIN_PASSWORD, `Choose a password of at least ${MIN_PASSWORD} characters.`),
    repeat: z.string(),
  })
  .superRefine((v, ctx) => {
    if (v.source === "file" && !v.keyFile?.length)
      ctx.addIssue({ code: "custom", path: ["keyFile"], message: "Choose your private key file." });
    if (v.repeat !== v.password)
      ctx.addIssue({ code: "custom", path: ["repeat"], message: "The two passwords differ." });
  });
type Values = z.infer<typeof schema>;

function download(bytes: Uint8Array, fileName: string) {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: "application/x-pkcs12" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function Pkcs12Builder({
  orderId,
  fileName,
  certificatePem,
  chainPem,
  friendlyName,
}: {
  orderId: string;
  /** Without extension, e.g. the external order number. */
  fileName: string;
  certificatePem: string;
  chainPem: string[];
  friendlyName: string;
}) {
  const { key, loaded } = useStoredKey(orderId);
  const held = key?.saved?.protectedPem ? key : undefined;
  const [busy, setBusy] = useState(false);
  const [built, setBuilt] = useState<string>();
  const [forgotten, setForgotten] = useState(false);
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    values: {
      source: held ? "browser" : "file",
      keyPassword: "",
      password: "",
      repeat: "",
      keyFile: undefined,
    },
    resetOptions: { keepDirtyValues: true },
  });
  const { errors } = form.formState;
  const source = useWatch({ control: form.control, name: "source" });
  const fileHint = key?.saved
    ? `You saved this order's key as ${key.saved.fileName}. The file is read here and never uploaded.`
    : "The key file made with your CSR (PEM or DER; PKCS#8, PKCS#1 or EC). It is read here and never uploaded.";

  async function build(values: Values) {
    setBusy(true);
    setBuilt(undefined);
    try {
      const [{ readPrivateKeyFile, keyMatchesCertificate }, { buildPkcs12 }] = await Promise.all([
        import("@/lib/certificates/private-key-file"),
        import("@/lib/certificates/pkcs12"),
      ]);
      const bytes =
        values.source === "browser" && held?.saved?.protectedPem
          ? new TextEncoder().encode(held.saved.protectedPem)
          : new Uint8Array(await values.keyFile![0]!.arrayBuffer());
      const keyField = values.source === "browser" ? "keyPassword" : "keyFile";
      const read = await readPrivateKeyFile(bytes, values.keyPassword || undefined);
      if (!read.ok) {
        const field = read.needsPassword || read.wrongPassword ? "keyPassword" : keyField;
        form.setError(field, { message: read.problem }, { shouldFocus: true });
        return;
      }
      const match = await keyMatchesCertificate(read.pkcs8, certificatePem);
      if (!match.ok) {
        form.setError(keyField, { message: match.problem }, { shouldFocus: true });
        return;
      }
      const p12 = await buildPkcs12({
        pkcs8: read.pkcs8,
        certificates: [certificatePem, ...chainPem],
        password: values.password,
        friendlyName,
      });
      read.pkcs8.fill(0);
      download(p12, `${fileName}.p12`);
      setBuilt(`${fileName}.p12`);
      form.reset({ ...values, keyPassword: "", password: "", repeat: "" });
    } catch {
      form.setError("root", {
        message: "This browser could not build the file. Try another browser, or build it with OpenSSL.",
      });
    } finally {
      setBusy(false);
    }
  }

  async function forget() {
    await forgetKey(orderId);
    setForgotten(true);
  }

  return (
    <section
      aria-labelledby="pkcs12-heading"
      className="mt-4 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="pkcs12-heading" className="font-semibold">
        Certificate with private key (PKCS#12)
      </h2>
      <p className="mt-1 text-sm">
        A .p12/.pfx file holds the certificate, its chain and your private key under one password, for
        Windows, macOS, Java and signing tools. It is built here in your browser: your private key is never
        sent to the portal.
      </p>
      <form noValidate onSubmit={form.handleSubmit(build)} className="mt-3 grid max-w-xl gap-3">
        {loaded && held ? (
          <fieldset className="text-sm">
            <legend className="font-medium text-slate-800">Private key</legend>
            <label className="mt-1 flex items-start gap-2">
              <input type="radio" value="browser" {...form.register("source")} className="mt-1" />
              <span>
                The key kept in this browser for this order (the protected copy of {held.saved!.fileName})
              </span>
            </label>
            <label className="mt-1 flex items-start gap-2">
              <input type="radio" value="file" {...form.register("source")} className="mt-1" />
              <span>A key file I choose</span>
            </label>
          </fieldset>
        ) : null}
        {source === "file" ? (
          <FieldFrame
            id="pkcs12-key-file"
            label="Private key file"
            hint={fileHint}
            error={errors.keyFile?.message}
          >
            <input
              type="file"
              {...form.register("keyFile")}
              {...controlProps({ id: "pkcs12-key-file", hint: fileHint, error: errors.keyFile?.message })}
            />
          </FieldFrame>
        ) : null}
        <TextField
          id="pkcs12-key-password"
          type="password"
          autoComplete="off"
          label="Password of the key file"
          hint={
            source === "browser"
              ? "The password you chose when you saved the protected key."
              : "Only if the key file is protected; leave empty otherwise."
          }
          error={errors.keyPassword?.message}
          {...form.register("keyPassword")}
        />
        <TextField
          id="pkcs12-password"
          type="password"
          autoComplete="new-password"
          label="Password for the PKCS#12 file"
          hint={`At least ${MIN_PASSWORD} characters; you need it to import the file.`}
          error={errors.password?.message}
          {...form.register("password")}
        />
        <TextField
          id="pkcs12-repeat"
          type="password"
          autoComplete="new-password"
          label="Repeat the password"
          error={errors.repeat?.message}
          {...form.register("repeat")}
        />
        {errors.root ? (
          <p role="alert" className="text-sm text-red-700">
            {errors.root.message}
          </p>
        ) : null}
        <div>
          <Button type="submit" disabled={busy}>
            {busy ? "Building…" : "Build and download the PKCS#12 file"}
          </Button>
        </div>
      </form>
      <div aria-live="polite" className="mt-2 text-sm">
        {built ? (
          <p>
            Saved as <span className="font-mono">{built}</span>. Import it with the password you chose.
          </p>
        ) : null}
        {built && key && !forgotten ? (
          <p className="mt-2">
            This browser still keeps the order&rsquo;s key. Once the file works where you need it, you can
            remove it from this browser.{" "}
            <Button type="button" variant="secondary" onClick={() => void forget()}>
              Remove the key from this browser
            </Button>
          </p>
        ) : null}
        {forgotten ? <p>The key was removed from this browser. Your saved files are unchanged.</p> : null}
      </div>
    </section>
  );
}
