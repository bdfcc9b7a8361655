import type { Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { withoutForbidden } from "@/lib/orders/model/input";
import { orderInputSchema } from "@/lib/sectigo/schema";
import { withCsrChecks } from "./csr-checks";
import type { WizardValues } from "./form-values";

// What the wizard needs once the customer is past the first step, loaded only then (see
// use-later-steps.ts): the order schema with zod, the CSR decoder with @peculiar/x509, and the
// steps built on them. The schema is the server's own, unchanged, so both sides judge alike.

export { csrOfInput } from "@/lib/orders/model/input";
export { isEmptyValue, prefillFromCsr, prefillFromIdentifier } from "@/lib/orders/model/prefill";
export { StepBody } from "./step-body";

type Values = WizardValues;

const schemaResolver = zodResolver(orderInputSchema) as unknown as Resolver<Values>;

/**
 * Hidden leftovers of another product never block the form (they are not sent either). The
 * browser-only CSR checks (csr-checks.ts) come on top of the shared schema.
 */
export const resolver: Resolver<Values> = async (values, context, options) =>
  withCsrChecks(await schemaResolver(withoutForbidden(values), context, options), values, options.names);
