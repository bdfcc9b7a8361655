import { randomBytes } from "node:crypto";
import type { DcvMethod } from "@/lib/sectigo/after-ordering";
import { getProduct, type ProductCode } from "@/lib/sectigo/products";
import { productShipsToken } from "@/lib/sectigo/rules";
import { decodeWireParams } from "@/lib/sectigo/wire";
import type { IssuedCertificate } from "./issue";

// What happens to an order after it is placed, stored on the order. Each step is done at a
// timestamp; with a step delay the next one is due `delay` after the previous, so the state is
// computed from the stored times and a restart keeps the timing.

export type StepKind = "csr" | "agreement" | "organization" | "callback" | "identity" | "dcv" | "shipping";

export interface OrderStep {
  kind: StepKind;
  /** For dcv: the domain this step validates. */
  domain?: string;
  doneAt?: string;
  failedAt?: string;
}

export interface DomainDcv {
  method: DcvMethod;
  email?: string;
  /** The last real check of a published file (HTTP_CSR_HASH with a target). */
  lastCheck?: { at: string; ok: boolean; detail: string };
}

export type Outcome = "issued" | "rejected" | "revoked";

export interface Lifecycle {
  steps: OrderStep[];
  dcv: Record<string, DomainDcv>;
  outcome?: Outcome;
  issuedAt?: string;
  rejectedAt?: string;
  revokedAt?: string;
  revocation?: { code: number; text: string };
  trackingId?: string;
  certificate?: IssuedCertificate;
  /** DCV e-mails the sandbox "sent": address and time. */
  dcvEmails: { to: string; at: string }[];
}

const STEP_TITLES: Record<StepKind, string> = {
  csr: "Certificate request checked",
  agreement: "Subscriber agreement accepted",
  organization: "Organization checked in official registers",
  callback: "Callback to the applicant representative",
  identity: "Identity of the applicant verified",
  dcv: "Domain control validated",
  shipping: "Signature token shipped",
};

export function stepTitle(step: OrderStep): string {
  return step.domain ? `${STEP_TITLES[step.kind]}: ${step.domain}` : STEP_TITLES[step.kind];
}

/** The steps an order of this product goes through before issuance. */
export function initialLifecycle(product: ProductCode, params: Record<string, string>): Lifecycle {
  const p = getProduct(product);
  if (!p) throw new Error(`Unknown product ${product}`);
  const values = decodeWireParams(new URLSearchParams(params)).values;
  const steps: OrderStep[] = [{ kind: "csr" }, { kind: "agreement" }];
  if (p.person === "legal") steps.push({ kind: "organization" }, { kind: "callback" });
  else steps.push({ kind: "identity" });
  const dcv: Record<string, DomainDcv> = {};
  if (p.qwac) {
    const domains = (values.domainNames as string[] | undefined) ?? [];
    const method = (values.dcvMethod as DcvMethod | undefined) ?? "HTTP_CSR_HASH";
    for (const domain of domains) {
      steps.push({ kind: "dcv", domain });
      dcv[domain] = { method };
    }
  }
  if (productShipsToken(p, values)) steps.push({ kind: "shipping" });
  return { steps, dcv, dcvEmails: [] };
}

export function nextStep(lifecycle: Lifecycle): OrderStep | undefined {
  return lifecycle.steps.find((s) => !s.doneAt);
}

/** When the last thing happened: the last step done, or the placement. */
export function lastProgressAt(lifecycle: Lifecycle, placedAt: string): number {
  const done = lifecycle.steps.filter((s) => s.doneAt).map((s) => Date.parse(s.doneAt!));
  return Math.max(Date.parse(placedAt), ...done);
}

export function isOpen(lifecycle: Lifecycle): boolean {
  return lifecycle.outcome === undefined;
}

export function newTrackingId(): string {
  // UPS-style: 1Z + 16 characters.
  return `1Z${randomBytes(8).toString("hex").toUpperCase()}`;
}
