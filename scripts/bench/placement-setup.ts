import { resetEnvCache } from "@/lib/env";
import type { DraftInput } from "@/lib/orders/model/draft-input";
import { createDraft } from "@/lib/orders/commands/drafts";
import { newExternalOrderNumber } from "@/lib/orders/model/external-number";
import { useSectigoClient as setSectigoClient } from "@/lib/orders/lifecycle/send";
import { submitOrder } from "@/lib/orders/commands/submit";
import { createSectigoClient, type SectigoClient, type SectigoClientOptions } from "@/lib/sectigo/client";
import { getProduct } from "@/lib/sectigo/products";
import { orderInputSchema } from "@/lib/sectigo/schema";
import { createUser, type SessionUser } from "@/lib/users/data";
import { startSandbox, type RunningSandbox } from "@/sandbox/server";
import type { TestCsrs } from "@/tests/sectigo/support/csrs";
import { makeCsr } from "@/tests/support/csr";
import { minimalInput } from "@/tests/sectigo/support/orders";
import type { Job } from "./load";

// Everything the placement benchmark prepares outside its timed region: the sandbox CA, one
// Sectigo client for the portal and one for the bare calls (same settings), customers, a pool of
// CSRs, and per run the drafts the portal submits or the parsed inputs the bare client sends.

/** A qualified electronic seal (QSealC), the product the order-lifecycle tests use. */
export const PRODUCT_CODE = 781;
const CSR_POOL = 32;
const CUSTOMERS = 16;

export interface PlacementBed {
  sandbox: RunningSandbox;
  bare: SectigoClient;
  portal: SectigoClient;
  customers: SessionUser[];
  csrs: string[];
  close(): Promise<void>;
}

export async function startPlacementBed(): Promise<PlacementBed> {
  const sandbox = await startSandbox({ port: 0, balance: 1e12, successCode: 0, faults: {} });
  Object.assign(process.env, {
    SECTIGO_API_URL: sandbox.url,
    SECTIGO_LOGIN_NAME: sandbox.loginName,
    SECTIGO_LOGIN_PASSWORD: sandbox.loginPassword,
  });
  resetEnvCache();
  const options: SectigoClientOptions = {
    baseUrl: sandbox.url,
    loginName: sandbox.loginName,
    loginPassword: sandbox.loginPassword,
    timeoutMs: 30_000,
  };
  const bare = createSectigoClient(options);
  const portal = createSectigoClient(options);
  setSectigoClient(portal);
  const customers: SessionUser[] = [];
  for (let i = 0; i < CUSTOMERS; i += 1) {
    customers.push(
      await createUser({
        email: `bench-customer-${i}@example.com`,
        name: `Bench Customer ${i}`,
        password: "bench-password-not-secret",
        role: "CUSTOMER",
      }),
    );
  }
  const csrs: string[] = [];
  for (let i = 0; i < CSR_POOL; i += 1)
    csrs.push(await makeCsr({ subject: { commonName: `Bench Seal ${i}` } }));
  return {
    sandbox,
    bare,
    portal,
    customers,
    csrs,
    async close() {
      setSectigoClient(undefined);
      await bare.close();
      await portal.close();
      await sandbox.close();
    },
  };
}

/** The wizard's input for order i, as the browser would post it. */
export function rawInput(bed: PlacementBed, i: number): DraftInput {
  const csrs = { person: bed.csrs[i % bed.csrs.length]! } as TestCsrs;
  return minimalInput(getProduct(PRODUCT_CODE)!, csrs) as DraftInput;
}

/** Drafts saved at the review step, each submitted by one job through `submitOrder`. */
export async function portalJobs(bed: PlacementBed, count: number): Promise<Job[]> {
  const jobs: Job[] = new Array<Job>(count);
  const make = async (i: number) => {
    const customer = bed.customers[i % bed.customers.length]!;
    const input = rawInput(bed, i);
    const draft = await createDraft(customer, input, "review", false);
    jobs[i] = async () => {
      const result = await submitOrder(customer, { orderId: draft.id, input, test: false });
      return result.status === "PLACED";
    };
  };
  for (let from = 0; from < count; from += CUSTOMERS) {
    await Promise.all(Array.from({ length: Math.min(CUSTOMERS, count - from) }, (_, k) => make(from + k)));
  }
  return jobs;
}

/** The same requests sent with the bare client: parsed input, a fresh external number each. */
export function bareJobs(bed: PlacementBed, count: number): Job[] {
  return Array.from({ length: count }, (_, i) => {
    const input = orderInputSchema.parse(rawInput(bed, i));
    const options = { foreignOrderNumber: newExternalOrderNumber(), checkFONIsUnique: true, test: false };
    return async () => (await bed.bare.placeOrder(input, options)).kind === "success";
  });
}
