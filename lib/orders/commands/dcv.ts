import "server-only";
import { currentRequestId } from "@/lib/observability/request-context.mjs";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { z } from "zod";
import { request } from "undici";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/record";
import { Refusal } from "@/lib/refusal";
import type { SessionUser } from "@/lib/users/data";
import { markDue } from "@/lib/orders/lifecycle/track";
import type { DomainSnapshot } from "@/lib/orders/model/checklist";
import { ordersUserCan } from "@/lib/orders/queries/access";
import { DCV_METHODS, dcvMethodWords, type DcvMethod } from "@/lib/sectigo/after-ordering";
import type { CaCall, DcvChange } from "@/lib/sectigo/after-ordering-types";
import { dcvFileMatches, dcvValues } from "@/lib/sectigo/dcv";
import { getProduct } from "@/lib/sectigo/products";
import { runForOrder } from "@/lib/observability/request-context.mjs";

// Domain control validation of a QWAC order, by the customer (or staff): switch a domain's
// method (!AutoUpdateDCV), resend the validation e-mail (!ResendDCVEmail), and "check now": look
// up the published file before Sectigo does. Only domains the order has; bounded time-outs; the
// lookup never reaches loopback or private addresses unless configured (tests, demo).

export interface DcvSource {
  updateDcv(orderNumber: string, changes: DcvChange[], opts: { multiDomain: boolean }): Promise<CaCall<void>>;
  resendDcvEmail(orderNumber: string, email?: string): Promise<CaCall<void>>;
  getDcvEmailAddresses(domainName: string): Promise<CaCall<string[]>>;
}

export const dcvChangeSchema = z.object({
  orderId: z.string().min(1).max(64),
  domainName: z.string().trim().toLowerCase().min(1).max(253),
  method: z.enum(DCV_METHODS, { message: "Choose a validation method." }),
  email: z.string().trim().toLowerCase().max(254).optional().default(""),
});

export const dcvDomainSchema = z.object({
  orderId: z.string().min(1).max(64),
  domainName: z.string().trim().toLowerCase().min(1).max(253),
});

/** The addresses CA/B Forum BR 3.2.2.4.4 allows for e-mail validation (Sectigo may add WHOIS ones). */
export function constructedDcvAddresses(domain: string): string[] {
  return ["admin", "administrator", "hostmaster", "postmaster", "webmaster"].map(
    (local) => `${local}@${domain}`,
  );
}

async function qwacOrder(user: SessionUser, orderId: string) {
  const prisma = await db();
  const order = await prisma.order.findFirst({
    where: ordersUserCan(user, "request", { id: orderId }),
    select: {
      id: true,
      status: true,
      productCode: true,
      sectigoOrderNumber: true,
      input: true,
      uniqueValue: true,
      tracking: { select: { domains: true } },
    },
  });
  if (!order) throw new Refusal("not_found", "This order does not exist or is not yours.");
  const product = getProduct(order.productCode);
  if (!product?.qwac)
    throw new Refusal("not_allowed", "Only website certificates (QWACs) have domain validation.");
  if (order.status !== "PLACED" || !order.sectigoOrderNumber)
    throw new Refusal(
      "not_allowed",
      "Domain validation can be changed only while Sectigo validates the order.",
    );
  const input = (order.input ?? {}) as Record<string, unknown>;
  const names = Array.isArray(input.domainNames)
    ? input.domainNames.filter((d): d is string => typeof d === "string").map((d) => d.toLowerCase())
    : [];
  return { prisma, order, product, input, names, sectigoOrderNumber: order.sectigoOrderNumber };
}

function domainOf(names: string[], domainName: string): string {
  if (!names.includes(domainName))
    throw new Refusal("invalid", "This domain is not one of the order's domains.", {
      domainName: ["Choose one of the order's domains."],
    });
  return domainName;
}

function refuseCaError(call: CaCall<unknown>, what: string): never {
  if (call.kind === "ca-error")
    throw new Refusal("not_allowed", `Sectigo refused to ${what}: ${call.message} (code ${call.code}).`);
  throw new Refusal(
    "conflict",
    `Sectigo could not be reached to ${what} (${call.kind === "transport" ? call.message : "no answer"}). Nothing was changed; try again in a few minutes.`,
  );
}

export async function changeDcvMethod(
  user: SessionUser,
  input: z.output<typeof dcvChangeSchema>,
  source: DcvSource,
): Promise<{ message: string }> {
  const { prisma, order, product, names, sectigoOrderNumber } = await qwacOrder(user, input.orderId);
  const domainName = domainOf(names, input.domainName);
  const method: DcvMethod = input.method;
  let email: string | undefined;
  if (method === "EMAIL") {
    if (!input.email)
      throw new Refusal("invalid", "Choose the address Sectigo should write to.", {
        email: ["Choose an address."],
      });
    const allowed = await runForOrder(order.id, () => source.getDcvEmailAddresses(domainName));
    if (allowed.kind !== "ok") refuseCaError(allowed, "list the addresses allowed for this domain");
    if (!allowed.value.map((a) => a.toLowerCase()).includes(input.email))
      throw new Refusal("invalid", `Sectigo does not accept ${input.email} for ${domainName}.`, {
        email: [`Choose one of: ${allowed.value.join(", ")}.`],
      });
    email = input.email;
  }
  const answer = await runForOrder(order.id, () =>
    source.updateDcv(sectigoOrderNumber, [{ domainName, method, email }], {
      multiDomain: product.multiDomain,
    }),
  );
  if (answer.kind !== "ok") refuseCaError(answer, "change the validation method");

  const domains = (Array.isArray(order.tracking?.domains)
    ? order.tracking.domains
    : []) as unknown as DomainSnapshot[];
  const updated = domains.some((d) => d.domainName === domainName)
    ? domains.map((d) => (d.domainName === domainName ? { ...d, method, status: "pending" as const } : d))
    : [...domains, { domainName, method, status: "pending" as const }];
  await prisma.$transaction(async (tx) => {
    await tx.orderTracking.update({
      where: { orderId: order.id },
      data: { domains: updated as unknown as Prisma.InputJsonValue },
    });
    await tx.orderEvent.create({
      data: {
        requestId: currentRequestId() ?? null,
        orderId: order.id,
        kind: "dcv_method_changed",
        summary: `Domain validation of ${domainName} changed to ${method === "EMAIL" ? `e-mail to ${email}` : dcvMethodWords(method)}`,
        actorId: user.id,
      },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "order.dcv_method_changed",
      orderId: order.id,
      details: { domainName, method, ...(email ? { email } : {}) },
    });
  });
  await markDue(prisma, order.id);
  return {
    message:
      method === "EMAIL"
        ? `Sectigo sends the validation e-mail for ${domainName} to ${email}.`
        : `Publish the new value for ${domainName} shown below; Sectigo checks it regularly.`,
  };
}

export async function resendDcvEmail(
  user: SessionUser,
  input: z.output<typeof dcvDomainSchema>,
  source: DcvSource,
): Promise<{ message: string }> {
  const { prisma, order, names, sectigoOrderNumber } = await qwacOrder(user, input.orderId);
  const domainName = domainOf(names, input.domainName);
  const answer = await runForOrder(order.id, () => source.resendDcvEmail(sectigoOrderNumber));
  if (answer.kind !== "ok") refuseCaError(answer, "resend the validation e-mail");
  await prisma.orderEvent.create({
    data: {
      requestId: currentRequestId() ?? null,
      orderId: order.id,
      kind: "dcv_email_resent",
      summary: `Validation e-mail for ${domainName} sent again`,
      actorId: user.id,
    },
  });
  return { message: "Sectigo sent the validation e-mail again. Look in the spam folder too." };
}

const PRIVATE_V4 = [
  /^10\./,
  /^127\./,
  /^169\.254\./,
  /^192\.168\./,
  /^172\.(1[6-9]|2\d|3[01])\./,
  /^0\./,
  /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./,
];
function isPrivate(address: string): boolean {
  if (isIP(address) === 4) return PRIVATE_V4.some((r) => r.test(address));
  const a = address.toLowerCase();
  return (
    a === "::1" ||
    a === "::" ||
    a.startsWith("fc") ||
    a.startsWith("fd") ||
    a.startsWith("fe80") ||
    a.startsWith("::ffff:")
  );
}

export type DcvCheck = { published: true; detail: string } | { published: false; detail: string };

/** "Check now": is the file Sectigo will look for published with the right content? */
export async function checkDcvNow(
  user: SessionUser,
  input: z.output<typeof dcvDomainSchema>,
): Promise<DcvCheck> {
  const { order, input: orderInput, names } = await qwacOrder(user, input.orderId);
  const domainName = domainOf(names, input.domainName);
  const csr = typeof orderInput.csr === "string" ? orderInput.csr : null;
  if (!csr) throw new Refusal("not_allowed", "The order has no CSR to compute the value from.");
  const values = dcvValues(csr, domainName, { uniqueValue: order.uniqueValue ?? undefined });
  const config = env();
  // Tests and demo point the lookup at a local server, sending the domain as the Host header.
  const target = config.DCV_CHECK_HTTP_TARGET;
  if (!target) {
    const addresses = await lookup(domainName, { all: true }).catch(() => []);
    if (addresses.length === 0) return { published: false, detail: `${domainName} does not resolve in DNS.` };
    if (addresses.some((a) => isPrivate(a.address)))
      return {
        published: false,
        detail: `${domainName} resolves to a private address; Sectigo cannot reach it either.`,
      };
  }
  const url = `http://${target ?? domainName}${values.httpFile.path}`;
  try {
    const answer = await request(url, {
      method: "GET",
      headers: { host: domainName, "user-agent": "eidas-portal-dcv-check" },
      headersTimeout: 5_000,
      bodyTimeout: 5_000,
    });
    const body = (await answer.body.text()).slice(0, 4096);
    if (answer.statusCode !== 200)
      return {
        published: false,
        detail: `http://${domainName}${values.httpFile.path} answered HTTP ${answer.statusCode}.`,
      };
    return dcvFileMatches(body, values.httpFile.content)
      ? {
          published: true,
          detail: `The file at http://${domainName}${values.httpFile.path} is right; Sectigo will find it.`,
        }
      : {
          published: false,
          detail: "The file is there, but its content differs from the value shown: copy it again exactly.",
        };
  } catch (error) {
    return {
      published: false,
      detail: `http://${domainName}${values.httpFile.path} could not be fetched (${error instanceof Error ? error.message : "error"}).`,
    };
  }
}
