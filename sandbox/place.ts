import { createHash, randomBytes } from "node:crypto";
import { decodeCsr } from "@/lib/csr";
import { redactParams, decodeWireParams } from "@/lib/sectigo/wire";
import { byCode, byRow, ROW, type SandboxError } from "./answers";
import { checkAccount, checkOrder } from "./checks";
import { formatAmount, priceFor } from "./prices";
import { initialLifecycle } from "./lifecycle";
import type { SandboxOrder, SandboxState } from "./state";

export type Outcome =
  | { kind: "error"; format: 0 | 1; error: SandboxError }
  | {
      kind: "success";
      format: 0 | 1;
      order: SandboxOrder;
      showCertificateID: boolean;
      showCertificateState: boolean;
    };

// Sectigo's certificate states are not documented for this endpoint; this is the state a fresh
// order has in GetDetailedOrderStatus.
const INITIAL_STATE = "Not Yet Issued";

function generatedUniqueValue(): string {
  return (
    randomBytes(8)
      .toString("base64")
      .replace(/[^A-Za-z0-9]/g, "")
      .slice(0, 10) || "SbxUnique1"
  );
}

/**
 * DCV request token (CA/B Forum BR 3.2.2.4): SHA-256 of the DER CSR, plus the customer's unique
 * value. Sectigo refuses a token that was already used, so reusing a CSR with the same unique
 * value fails; without a unique value Sectigo makes one up and the token is always new.
 */
function requestTokenOf(csr: unknown, uniqueValue: unknown): string | undefined {
  if (typeof csr !== "string" || typeof uniqueValue !== "string" || !uniqueValue) return undefined;
  const decoded = decodeCsr(csr);
  if (!decoded.ok) return undefined;
  const der = Buffer.from(decoded.csr.base64, "base64");
  return `${createHash("sha256").update(der).digest("hex")}sectigo.com${uniqueValue}`;
}

function withoutCredentials(params: URLSearchParams): Record<string, string> {
  const { loginName: _name, loginPassword: _password, ...rest } = redactParams(params);
  return rest;
}

/** Handles one POST to !AutoApplyOrder: validates like Sectigo, then stores and bills the order. */
export async function placeOrder(params: URLSearchParams, state: SandboxState): Promise<Outcome> {
  const format = params.get("responseFormat") === "1" ? 1 : 0;
  const fail = (error: SandboxError): Outcome => ({ kind: "error", format, error });
  const wire = decodeWireParams(params);

  const accountProblem = checkAccount(wire, {
    name: state.settings.loginName,
    password: state.settings.loginPassword,
  });
  if (accountProblem) return fail(accountProblem);
  const checked = await checkOrder(wire);
  if ("code" in checked) return fail(checked);

  const { values } = wire;
  const foreignOrderNumber = values.foreignOrderNumber as string | undefined;
  if (
    values.checkFONIsUnique === true &&
    foreignOrderNumber &&
    state.ordersFor(foreignOrderNumber).length > 0
  ) {
    return fail(byRow(ROW.duplicateFon, undefined, state.settings.duplicateFonCode));
  }

  const requestToken = checked.product.qwac ? requestTokenOf(values.csr, values.uniqueValue) : undefined;
  if (requestToken && state.orders.some((o) => o.requestToken === requestToken)) {
    return fail(byRow(ROW.requestTokenUsed));
  }

  const price = priceFor(state.settings.prices, checked.product.code, checked.days);
  if (price === undefined) return fail(byCode(-115));
  const test = values.test === true;
  // Test orders are never billed; with status 1 the end customer pays Sectigo, not the account.
  const debited = !test && state.successCode === 0;
  if (debited && state.balance < price) return fail(byCode(-15));
  if (debited) state.balance = Math.round((state.balance - price) * 100) / 100;

  const { orderNumber, certificateId } = state.allocateNumbers();
  const uniqueValue = checked.product.qwac
    ? ((values.uniqueValue as string | undefined) ?? generatedUniqueValue())
    : undefined;
  const sentParams = withoutCredentials(params);
  const order: SandboxOrder = {
    orderNumber,
    certificateId,
    certificateState: INITIAL_STATE,
    ...(uniqueValue ? { uniqueValue } : {}),
    ...(requestToken ? { requestToken } : {}),
    product: checked.product.code,
    days: checked.days,
    status: state.successCode,
    totalCost: formatAmount(test ? 0 : price),
    test,
    ...(foreignOrderNumber ? { foreignOrderNumber } : {}),
    placedAt: new Date().toISOString(),
    params: sentParams,
    lifecycle: initialLifecycle(checked.product.code, sentParams),
    calls: {},
  };
  state.orders.push(order);
  state.save();
  return {
    kind: "success",
    format,
    order,
    showCertificateID: values.showCertificateID === true,
    showCertificateState: values.showCertificateState === true,
  };
}
