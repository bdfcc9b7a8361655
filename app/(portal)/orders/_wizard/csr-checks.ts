import type { FieldErrors, ResolverResult } from "react-hook-form";
import { inspectCsr } from "@/lib/csr";
import { keyMustBeKept } from "./key-policy";
import { keyGuardMessage } from "./key-store";
import type { WizardValues } from "./form-values";

type Values = WizardValues;

// Checks of the CSR that the shared order schema cannot make because they are asynchronous
// (WebCrypto verifies the signature) or belong to this browser (the key kept for the order).
// They stop the customer at the CSR step like a weak key does, instead of at "Place order";
// the server refuses a tampered CSR again on submit (lib/orders/commands/submit.ts).

let last: { csr: string; message: string | undefined } | undefined;

async function signatureProblem(csr: string): Promise<string | undefined> {
  if (last?.csr !== csr) {
    const { problems } = await inspectCsr(csr);
    last = { csr, message: problems.find((p) => p.code === "bad-signature")?.message };
  }
  return last.message;
}

/** Why the form's CSR cannot go on: a signature that does not verify, or an unsaved generated key. */
export async function csrStepProblem(csr: unknown, keepKey = true): Promise<string | undefined> {
  if (typeof csr !== "string" || csr.trim() === "") return undefined;
  return (await signatureProblem(csr.trim())) ?? (keepKey ? await keyGuardMessage(csr) : undefined);
}

/** Adds the CSR checks to the schema's result when the CSR is among the validated fields. */
export async function withCsrChecks(
  result: ResolverResult<Values>,
  values: Values,
  names: readonly string[] | undefined,
): Promise<ResolverResult<Values>> {
  if (names && !names.includes("csr")) return result;
  const errors: FieldErrors<Values> = result.errors;
  if (errors.csr) return result;
  const message = await csrStepProblem(values.csr, keyMustBeKept(values));
  if (!message) return result;
  const withCsr: FieldErrors<Values> = { ...errors };
  withCsr.csr = { type: "validate", message };
  return { values: {}, errors: withCsr };
}
