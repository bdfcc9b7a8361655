import { randomBytes } from "node:crypto";
import type { ProductCode } from "@/lib/sectigo/products";
import { takeFault, type AppliedFault, type FaultConfig } from "./faults";
import type { PriceTable } from "./prices";

export interface SandboxSettings {
  loginName: string;
  loginPassword: string;
  balance: number;
  prices: PriceTable;
  successCode: 0 | 1;
  faults: FaultConfig;
  /** The sandbox's answer code for a reused foreignOrderNumber (Sectigo's is unknown). */
  duplicateFonCode: number;
}

export interface SandboxOrder {
  orderNumber: string;
  certificateId: string;
  certificateState: string;
  uniqueValue?: string;
  /** SHA-256 of the DER CSR plus the unique value, for QWAC domain validation (spec row 9). */
  requestToken?: string;
  product: ProductCode;
  days: number;
  status: 0 | 1;
  totalCost: string;
  test: boolean;
  foreignOrderNumber?: string;
  placedAt: string;
  /** The parameters as received, without the credentials. */
  params: Record<string, string>;
}

// Numbers in the range of Sectigo's own examples (order 3040824 in spec §4.1).
const FIRST_ORDER_NUMBER = 3_040_824;

/**
 * A 16-digit certificate ID like Sectigo's. Random rather than counted, so that a restarted or
 * reset sandbox does not hand out IDs the portal already stored for earlier orders.
 */
function randomCertificateId(): string {
  const digits = randomBytes(16);
  return [1 + (digits[0]! % 9), ...[...digits.subarray(1)].map((b) => b % 10)].join("");
}

/** Everything the sandbox CA remembers; kept in memory for the life of the process. */
export class SandboxState {
  orders: SandboxOrder[] = [];
  /** Requests to the order endpoint, including rejected and faulted ones. */
  requestCount = 0;
  /** TCP connections accepted, to check that clients reuse them. */
  connectionCount = 0;
  balance = 0;
  successCode: 0 | 1 = 0;
  faults: FaultConfig = {};
  private nextOrderNumber = FIRST_ORDER_NUMBER;
  /** Every certificate ID this process handed out, kept across resets so none repeats. */
  private readonly certificateIds = new Set<string>();

  constructor(readonly settings: SandboxSettings) {
    this.reset();
  }

  reset(): void {
    this.orders = [];
    this.requestCount = 0;
    this.connectionCount = 0;
    this.balance = this.settings.balance;
    this.successCode = this.settings.successCode;
    this.faults = { ...this.settings.faults };
    this.nextOrderNumber = FIRST_ORDER_NUMBER;
  }

  allocateNumbers(): { orderNumber: string; certificateId: string } {
    let certificateId = randomCertificateId();
    while (this.certificateIds.has(certificateId)) certificateId = randomCertificateId();
    this.certificateIds.add(certificateId);
    return { orderNumber: String(this.nextOrderNumber++), certificateId };
  }

  ordersFor(foreignOrderNumber: string): SandboxOrder[] {
    return this.orders.filter((o) => o.foreignOrderNumber === foreignOrderNumber);
  }

  takeFault(): AppliedFault {
    const { applied, next } = takeFault(this.faults);
    this.faults = next;
    return applied;
  }
}
