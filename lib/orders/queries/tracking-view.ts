import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OrderStatus } from "@/lib/generated/prisma/enums";
import { isFinalAfterPlacing, orderStatusWords } from "@/lib/orders/model/ca-status";
import { refundStateOf, type RefundState } from "@/lib/orders/model/refund";
import { storedChecklist, type DomainSnapshot } from "@/lib/orders/model/checklist";
import { DCV_METHODS, dcvMethodWords } from "@/lib/sectigo/after-ordering";
import { dcvValues, type DcvValues } from "@/lib/sectigo/dcv";
import { describeCertificate } from "@/lib/certificates/details";
import { getProduct } from "@/lib/sectigo/products";
import { productShipsToken } from "@/lib/sectigo/rules";
import { scrubSecretText } from "@/lib/orders/queries/scrub";

// The after-ordering part of an order page, shared by the customer's, support's and the admin's
// read models: Sectigo's status in words, the checklist, the values to publish for domain
// validation, the certificate's details and the timeline events. It follows the order's state:
// once an order has ended (cancelled, revoked, rejected) nothing is asked of anyone any more, so
// no open to-do, upload link or domain validation is shown.

interface Source {
  status: OrderStatus;
  productCode: number | null;
  input: Prisma.JsonValue;
  uniqueValue: string | null;
  tracking: {
    caStatus: string | null;
    caStatusText: string | null;
    checklist: Prisma.JsonValue;
    domains: Prisma.JsonValue;
    uploadUrl: string | null;
    uploadToken: string | null;
    trackingNumber: string | null;
    lastCheckedAt: Date | null;
    nextCheckAt: Date | null;
    revocationRequestedAt: Date | null;
    revocationOutcome: string | null;
    refundState: string | null;
    refundRecordedAt: Date | null;
  } | null;
  certificate: {
    serialNumber: string;
    subject: string;
    issuer: string;
    notBefore: Date;
    notAfter: Date;
    sha256: string;
    collectedAt: Date;
    certificatePem: string;
    chainPem: Prisma.JsonValue;
  } | null;
  events: { id: string; at: Date; kind: string; summary: string }[];
}

export interface DomainValidation extends DomainSnapshot {
  values: DcvValues | null;
}

function domainsOf(value: Prisma.JsonValue): DomainSnapshot[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (d): d is DomainSnapshot & Prisma.JsonObject =>
      typeof d === "object" && d !== null && typeof (d as Prisma.JsonObject).domainName === "string",
  ) as DomainSnapshot[];
}

/** The upload link with its token, as Sectigo's page expects it (the token authorises the upload). */
function uploadLink(url: string | null, token: string | null): string | null {
  if (!url) return null;
  try {
    const link = new URL(url);
    if (link.protocol !== "https:" && link.protocol !== "http:") return null;
    if (token) link.searchParams.set("token", token);
    return link.toString();
  } catch {
    return null;
  }
}

/** The stored certificate with what the page shows of it; its PEMs feed the browser's PKCS#12. */
function certificateView(certificate: NonNullable<Source["certificate"]>) {
  const { chainPem, ...rest } = certificate;
  const chain = Array.isArray(chainPem) ? chainPem.filter((p): p is string => typeof p === "string") : [];
  return { ...rest, chainPem: chain, details: describeCertificate(certificate.certificatePem) };
}

const METHOD_VALUES = new RegExp(`\\b(${DCV_METHODS.filter((m) => m !== "EMAIL").join("|")})\\b`, "g");

/** Timeline entries written before the method words existed named the wire value; say it in words. */
function inWords(event: Source["events"][number]): Source["events"][number] {
  if (event.kind !== "dcv_method_changed") return event;
  return { ...event, summary: event.summary.replace(METHOD_VALUES, (m) => dcvMethodWords(m)) };
}

function refundOf(tracking: Source["tracking"]): { state: RefundState; recordedAt: Date | null } | null {
  const state = refundStateOf(tracking?.refundState);
  return state ? { state, recordedAt: tracking?.refundRecordedAt ?? null } : null;
}

export function trackingView(source: Source) {
  const product = getProduct(source.productCode);
  const tracking = source.tracking;
  const input = (source.input ?? {}) as Record<string, unknown>;
  const csr = typeof input.csr === "string" ? input.csr : null;
  const final = isFinalAfterPlacing(source.status);
  const validating = source.status === "PLACED";
  const shipsToken = product ? productShipsToken(product, input) : false;
  const domains: DomainValidation[] =
    product?.qwac && validating
      ? domainsOf(tracking?.domains ?? []).map((d) => {
          let values: DcvValues | null = null;
          try {
            values = csr
              ? dcvValues(csr, d.domainName, { uniqueValue: source.uniqueValue ?? undefined })
              : null;
          } catch {
            values = null;
          }
          return { ...d, values };
        })
      : [];
  const checklist = final ? [] : storedChecklist(tracking?.checklist ?? []);
  // The upload link only while the checklist asks for documents.
  const documentsWanted = checklist.some((i) => i.key === "documents" && i.state === "waiting_customer");
  const revokedAt = source.events.findLast((e) => e.kind === "revoked")?.at ?? null;
  return {
    tracked: tracking !== null,
    status: source.status,
    /** Cancelled, revoked or rejected: nothing more happens at Sectigo. */
    final,
    shipsToken,
    caStatus: tracking?.caStatus ?? null,
    caStatusText: tracking?.caStatusText ?? null,
    words: orderStatusWords(source.status, tracking?.caStatus, { token: shipsToken }),
    checklist,
    domains,
    uploadLink: documentsWanted
      ? uploadLink(tracking?.uploadUrl ?? null, tracking?.uploadToken ?? null)
      : null,
    trackingNumber: tracking?.trackingNumber ?? null,
    lastCheckedAt: tracking?.lastCheckedAt ?? null,
    nextCheckAt: validating ? (tracking?.nextCheckAt ?? null) : null,
    revocationRequestedAt: tracking?.revocationRequestedAt ?? null,
    revocationOutcome: tracking?.revocationOutcome ?? null,
    revokedAt,
    /** The refund of an order cancelled at Sectigo, as support recorded it. */
    refund: refundOf(tracking),
    certificate: source.certificate ? certificateView(source.certificate) : null,
    events: source.events.map(inWords),
  };
}

export type TrackingView = ReturnType<typeof trackingView>;

/** The same view for staff, with the technical detail they need to help. */
export function staffTrackingView(
  source: Source & {
    tracking:
      | (NonNullable<Source["tracking"]> & {
          lastError: string | null;
          checkFailures: number;
          revocationCode: number | null;
          revocationText: string | null;
        })
      | null;
  },
) {
  return {
    ...trackingView(source),
    lastError: scrubSecretText(source.tracking?.lastError ?? null),
    checkFailures: source.tracking?.checkFailures ?? 0,
    revocationCode: source.tracking?.revocationCode ?? null,
    revocationText: source.tracking?.revocationText ?? null,
  };
}
