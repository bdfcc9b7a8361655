import { createHmac } from "node:crypto";
import {
  CHECKLIST_OBJECTS,
  collectCode,
  collectEndpointFor,
  ENDPOINTS,
  indexedKey,
  ORDER_STATUS_WIRE,
  REQUEST_VALUES as V,
  STEP_STATUS_WIRE,
  type CaOrderStatus,
  type StepState,
} from "@/lib/sectigo/after-ordering";
import { getProduct } from "@/lib/sectigo/products";
import { decodeWireParams } from "@/lib/sectigo/wire";
import { byCode } from "./answers";
import {
  derBase64,
  errorAnswer,
  findOrder,
  isError,
  jsonAnswer,
  urlEncoded,
  type Answer,
} from "./answer-kit";
import type { Engine } from "./engine";
import { nextStep, stepTitle, type OrderStep, type StepKind } from "./lifecycle";
import type { SandboxOrder, SandboxState } from "./state";

// !GetDetailedOrderStatus, !getPostPaymentStatus and the two collect endpoints.

/** The order status string for where the order is (the spec lists no "revoked" order status). */
export function orderStatusOf(order: SandboxOrder): CaOrderStatus {
  const { outcome } = order.lifecycle;
  if (outcome === "issued") return "current";
  if (outcome === "rejected") return "rejected";
  if (outcome === "revoked") return "processed";
  return nextStep(order.lifecycle)?.kind === "agreement" ? "awaiting_authorization" : "pending";
}

export async function detailedStatus(
  params: URLSearchParams,
  state: SandboxState,
  engine: Engine,
): Promise<Answer> {
  const p = ENDPOINTS.detailedStatus.request;
  const r = ENDPOINTS.detailedStatus.response;
  const found = findOrder(params, state, {
    orderNumber: p.orderNumber.wire,
    certificateId: p.certificateId.wire,
  });
  state.count("detailedStatus", isError(found) ? undefined : found);
  const json = params.get(p.responseFormat.wire) === V.responseFormatJson.wire;
  if (isError(found)) return errorAnswer(found, json ? "json" : "url-encoded");
  await engine.progress(found);
  const { lifecycle } = found;
  const k = (name: string) => indexedKey(1, name);
  const showValidity = params.get(p.showValidityPeriod.wire) === V.yes.wire;
  const shippingCountry = decodeWireParams(new URLSearchParams(found.params)).values.shippingCountryName;
  const fields: Record<string, string | undefined> = {
    [r.errorCode.wire]: "0",
    [k(r.orderNumber.wire)]: found.orderNumber,
    [k(r.orderDateTime.wire)]: found.placedAt,
    [k(r.orderStatus.wire)]: ORDER_STATUS_WIRE[orderStatusOf(found)].wire,
    [k(r.certificateId.wire)]: found.certificateId,
    [k(r.validFrom.wire)]: showValidity ? lifecycle.certificate?.notBefore : undefined,
    [k(r.validTo.wire)]: showValidity ? lifecycle.certificate?.notAfter : undefined,
    [k(r.trackingId.wire)]: lifecycle.trackingId,
    [k(r.shippingCountry.wire)]:
      lifecycle.trackingId && typeof shippingCountry === "string" ? shippingCountry : undefined,
  };
  if (json) return jsonAnswer({ ...fields, [r.errorCode.wire]: 0 });
  return urlEncoded(fields);
}

const CUSTOMER_STEPS: ReadonlySet<StepKind> = new Set(["agreement", "identity"]);

function stepState(order: SandboxOrder, step: OrderStep | undefined): StepState {
  if (!step) return "not_required";
  if (step.doneAt) return "done";
  if (step.failedAt) return "failed";
  return CUSTOMER_STEPS.has(step.kind) ? "waiting_customer" : "waiting_ca";
}

/** A JWT-shaped token for the upload link; opaque to the portal, as Sectigo's is (C). */
function uploadToken(order: SandboxOrder, secret: string): string {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
  const head = `${b64({ alg: "HS256", typ: "JWT" })}.${b64({ sub: order.orderNumber, scope: "upload" })}`;
  return `${head}.${createHmac("sha256", secret).update(head).digest("base64url")}`;
}

export async function postPaymentStatus(
  params: URLSearchParams,
  state: SandboxState,
  engine: Engine,
): Promise<Answer> {
  const p = ENDPOINTS.postPaymentStatus.request;
  const r = ENDPOINTS.postPaymentStatus.response;
  const found = findOrder(params, state, {
    orderNumber: p.orderNumber.wire,
    certificateId: p.certificateId.wire,
  });
  state.count("postPaymentStatus", isError(found) ? undefined : found);
  if (isError(found)) return errorAnswer(found, "json");
  await engine.progress(found);
  const product = getProduct(found.product)!;
  const steps = found.lifecycle.steps;
  const of = (kind: StepKind) => steps.find((s) => s.kind === kind);
  // Natural persons have no organization to check: their identity check stands in that row.
  const sources: Record<keyof typeof CHECKLIST_OBJECTS, OrderStep | undefined> = {
    csr: of("csr"),
    agreement: of("agreement"),
    callback: of("callback"),
    organization: product.person === "legal" ? of("organization") : of("identity"),
  };
  const data: Record<string, unknown> = {
    [r.orderNumber.wire]: found.orderNumber,
    [r.productType.wire]: String(found.product),
    [r.productName.wire]: product.name,
    [r.certificateDuration.wire]: String(found.days),
    [r.productTerm.wire]: String(found.days),
    [r.orderStatus.wire]: ORDER_STATUS_WIRE[orderStatusOf(found)].wire,
  };
  for (const [key, step] of Object.entries(sources) as [
    keyof typeof CHECKLIST_OBJECTS,
    OrderStep | undefined,
  ][]) {
    const state_ = stepState(found, step);
    data[CHECKLIST_OBJECTS[key].wire] = {
      [r.title.wire]: step ? stepTitle(step) : "Callback",
      [r.status.wire]: STEP_STATUS_WIRE[state_].wire,
      [r.description.wire]: step ? describeStep(step, state_) : "Not required for this product.",
      ...(key === "agreement"
        ? {
            [r.clickThroughStatus.wire]: state_ === "done" ? "Accepted" : "Pending",
            [r.availableActions.wire]: [],
          }
        : {}),
    };
  }
  const documents = sources.organization;
  if (documents && !documents.doneAt && !documents.failedAt) {
    data[r.uploadDocumentUrl.wire] = `${state.publicUrl}/sandbox/upload/${found.orderNumber}`;
    data[r.uploadDocumentToken.wire] = uploadToken(found, state.settings.loginPassword);
  }
  return jsonAnswer({ [r.errorCode.wire]: 0, [r.data.wire]: data });
}

function describeStep(step: OrderStep, state: StepState): string {
  if (state === "done") return "Completed.";
  if (state === "failed") return "Sectigo could not complete this step; the order was rejected.";
  if (step.kind === "agreement") return "Accept the subscriber agreement sent to the applicant by e-mail.";
  if (step.kind === "identity")
    return "Upload a copy of your identity document, or attend the video identification.";
  if (step.kind === "callback") return "Sectigo will call the applicant representative on a verified number.";
  if (step.kind === "organization") return "Sectigo is checking the organization in official registers.";
  return "Sectigo is checking this.";
}

export async function collect(
  endpoint: "collectEidas" | "collectSsl",
  params: URLSearchParams,
  state: SandboxState,
  engine: Engine,
): Promise<Answer> {
  const p = ENDPOINTS[endpoint].request;
  const r = ENDPOINTS[endpoint].response;
  const found = findOrder(params, state, {
    orderNumber: p.orderNumber.wire,
    certificateId: "certificateId" in p ? p.certificateId.wire : undefined,
  });
  state.count(endpoint, isError(found) ? undefined : found);
  const fail = (code: number, message: string) =>
    urlEncoded({ [r.status.wire]: String(code), [r.errorMessage.wire]: message });
  if (isError(found)) return fail(found.code, found.message);
  // Each collect endpoint serves its own products only.
  if (collectEndpointFor(found.product) !== endpoint) {
    const error = byCode(-4, p.orderNumber.wire);
    return fail(error.code, error.message);
  }
  await engine.progress(found);
  const { lifecycle } = found;
  if (lifecycle.outcome === "rejected")
    return fail(collectCode("rejected"), "The order was rejected or cancelled!");
  if (lifecycle.outcome === "revoked")
    return fail(collectCode("revoked"), "The certificate has been revoked!");
  if (!lifecycle.certificate) {
    return urlEncoded({
      [r.status.wire]: String(collectCode("processing")),
      [r.errorMessage.wire]: "Still being processed",
    });
  }
  const withCertificate = params.get(p.queryType.wire) !== "0";
  return urlEncoded({
    [r.status.wire]: String(collectCode(withCertificate ? "attached" : "available")),
    [r.certificate.wire]: withCertificate ? derBase64(lifecycle.certificate.certificatePem) : undefined,
    [r.caCertificate.wire]: withCertificate ? lifecycle.certificate.chainPem.map(derBase64) : undefined,
  });
}
