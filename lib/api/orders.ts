import "server-only";
import { buildDownload, DOWNLOAD_FORMATS, type DownloadFormat } from "@/lib/certificates/formats";
import { approveOrder, rejectOrder } from "@/lib/orders/commands/approve";
import { changeDcvMethod } from "@/lib/orders/commands/dcv";
import { createDraft, getEditableOrder, saveDraft } from "@/lib/orders/commands/drafts";
import { cancelOrRevoke } from "@/lib/orders/commands/revoke";
import { submitOrder } from "@/lib/orders/commands/submit";
import { validateOrderInput } from "@/lib/orders/lifecycle/validate";
import type { DraftInput } from "@/lib/orders/model/draft-input";
import { customerOrderFiltersSchema, parseFilters } from "@/lib/orders/model/search-params";
import { getCertificateForViewer, getOrderForViewer } from "@/lib/orders/queries/customer-order";
import { listCustomerOrders } from "@/lib/orders/queries/search";
import { priceTable } from "@/lib/prices/lookup";
import { Refusal } from "@/lib/refusal";
import { revocationReasonsFor } from "@/lib/sectigo/after-ordering";
import { sectigoClientFromEnv } from "@/lib/sectigo/client";
import { PRODUCTS } from "@/lib/sectigo/products";
import { fieldRules } from "@/lib/sectigo/rules";
import type { ApiCaller } from "@/lib/api-keys/authenticate";
import { apiRoute } from "@/lib/api/route";
import {
  createOrderBody,
  dcvChangeBody,
  decideOrderBody,
  endOrderBody,
  rejectOrderBody,
  submitOrderBody,
  updateOrderBody,
  validateOrderBody,
} from "@/lib/api/schemas";

// The operations of /api/v1, each the same command or query as the portal's own action or page
// (no rule is implemented twice). The key's account is the "user" every command checks.

/** The wizard's step an API draft resumes at when a person opens it in the portal. */
const API_DRAFT_STEP = "review";
const NOT_FOUND = "This order does not exist, or this key cannot see it.";
const LIST_LIMITS = { default: 50, max: 100 };

async function orderView(caller: ApiCaller, id: string) {
  const order = await getOrderForViewer(caller.user, id);
  if (!order) throw new Refusal("not_found", NOT_FOUND);
  const { may: _may, after, ...rest } = order;
  void _may;
  const { events, ...tracking } = after;
  return { ...rest, tracking, timeline: events };
}

export const listProducts = apiRoute({ operation: "listProducts" }, async ({ caller }) => {
  const prices = await priceTable(caller.organizationId);
  return {
    status: 200,
    body: {
      products: PRODUCTS.map((p) => ({
        ...p,
        rules: fieldRules(p, {}),
        prices: p.days.map((days) => ({ days, price: prices[`${p.code}:${days}`] ?? null })),
      })),
      revocationReasons: { cancel: revocationReasonsFor("cancel"), revoke: revocationReasonsFor("revoke") },
    },
  };
});

export const validateOrder = apiRoute(
  { operation: "validateOrder", body: validateOrderBody },
  async ({ body }) => {
    const result = await validateOrderInput(body.input);
    return {
      status: 200,
      body: result.ok ? { valid: true, errors: {} } : { valid: false, errors: result.fieldErrors },
    };
  },
);

export const createOrder = apiRoute(
  { operation: "createOrder", body: createOrderBody },
  async ({ caller, body }) => {
    const draft = await createDraft(caller.user, body.input, API_DRAFT_STEP, body.test, {
      organizationId: caller.organizationId,
    });
    return {
      status: 201,
      body: await orderView(caller, draft.id),
      headers: { location: `/api/v1/orders/${draft.id}` },
    };
  },
);

export const updateOrder = apiRoute(
  { operation: "updateOrder", body: updateOrderBody },
  async ({ caller, body, params }) => {
    await saveDraft(caller.user, params.id!, body.version, body.input, API_DRAFT_STEP, body.test);
    return { status: 200, body: await orderView(caller, params.id!) };
  },
);

export const submitOrderRoute = apiRoute(
  { operation: "submitOrder", body: submitOrderBody },
  async ({ caller, body, params }) => {
    // The stored draft is what is submitted: the version says which one the client read.
    const draft = await getEditableOrder(caller.user, params.id!);
    if (!draft) {
      // Sent already, or not this key's: the command says which, as it does to the wizard.
      await submitOrder(caller.user, { orderId: params.id!, input: {}, test: false, version: body.version });
      throw new Refusal("not_found", NOT_FOUND);
    }
    await submitOrder(caller.user, {
      orderId: draft.id,
      input: (draft.input ?? {}) as DraftInput,
      test: draft.test,
      version: body.version,
      quoteKey: body.quoteKey,
    });
    return { status: 200, body: await orderView(caller, draft.id) };
  },
);

export const getOrder = apiRoute({ operation: "getOrder" }, async ({ caller, params }) => ({
  status: 200,
  body: await orderView(caller, params.id!),
}));

export const listOrders = apiRoute({ operation: "listOrders" }, async ({ caller, url }) => {
  const q = url.searchParams;
  const raw = {
    q: q.get("q") ?? undefined,
    status: q.get("status") ?? undefined,
    product: q.get("product") ?? undefined,
  };
  const { filters, errors } = parseFilters(customerOrderFiltersSchema, raw);
  const limitText = q.get("limit");
  const limit = limitText === null ? LIST_LIMITS.default : Number(limitText);
  const fieldErrors: Record<string, string[]> = Object.fromEntries(
    Object.entries(errors).map(([k, v]) => [k, [v]]),
  );
  if (!Number.isInteger(limit) || limit < 1 || limit > LIST_LIMITS.max)
    fieldErrors.limit = [`A whole number from 1 to ${LIST_LIMITS.max}.`];
  if (Object.keys(fieldErrors).length)
    throw new Refusal("invalid", "Some filters are not valid.", fieldErrors);
  const page = await listCustomerOrders(
    caller.user,
    filters,
    { after: q.get("after"), before: q.get("before") },
    limit,
  );
  return { status: 200, body: { orders: page.rows, after: page.after, before: page.before } };
});

export const getCertificate = apiRoute({ operation: "getCertificate" }, async ({ caller, params, url }) => {
  const format = url.searchParams.get("format") ?? "pem";
  if (!(DOWNLOAD_FORMATS as readonly string[]).includes(format))
    throw new Refusal("invalid", "No such format.", { format: [`One of ${DOWNLOAD_FORMATS.join(", ")}.`] });
  const stored = await getCertificateForViewer(caller.user, params.id!);
  if (!stored) throw new Refusal("not_found", "This order has no certificate this key can download.");
  const file = buildDownload(stored, format as DownloadFormat, stored.externalOrderNumber);
  return new Response(Buffer.from(file.body), {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.fileName}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});

const endOrder = (action: "cancel" | "revoke") =>
  apiRoute(
    { operation: action === "cancel" ? "cancelOrder" : "revokeOrder", body: endOrderBody },
    async ({ caller, body, params }) => {
      const result = await cancelOrRevoke(
        caller.user,
        {
          orderId: params.id!,
          action,
          reasonCode: body.reasonCode,
          reasonText: body.reasonText,
          confirm: "yes",
        },
        sectigoClientFromEnv(),
      );
      return { status: 200, body: { message: result.message, order: await orderView(caller, params.id!) } };
    },
  );
export const cancelOrder = endOrder("cancel");
export const revokeOrder = endOrder("revoke");

export const approveOrderRoute = apiRoute(
  { operation: "approveOrder", body: decideOrderBody },
  async ({ caller, body, params }) => {
    await approveOrder(caller.user, { orderId: params.id!, version: body.version });
    return { status: 200, body: await orderView(caller, params.id!) };
  },
);

export const rejectOrderRoute = apiRoute(
  { operation: "rejectOrder", body: rejectOrderBody },
  async ({ caller, body, params }) => {
    await rejectOrder(caller.user, { orderId: params.id!, version: body.version, reason: body.reason });
    return { status: 200, body: await orderView(caller, params.id!) };
  },
);

export const getDcv = apiRoute({ operation: "getDcv" }, async ({ caller, params }) => {
  const order = await orderView(caller, params.id!);
  return { status: 200, body: { domains: order.tracking.domains } };
});

export const changeDcv = apiRoute(
  { operation: "changeDcv", body: dcvChangeBody },
  async ({ caller, body, params }) => {
    const { message } = await changeDcvMethod(
      caller.user,
      { ...body, orderId: params.id! },
      sectigoClientFromEnv(),
    );
    const order = await orderView(caller, params.id!);
    return { status: 200, body: { message, domains: order.tracking.domains } };
  },
);
