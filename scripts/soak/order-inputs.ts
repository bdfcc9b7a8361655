import { getProduct, type ProductCode } from "@/lib/sectigo/products";
import { makeCsr } from "@/tests/support/csr";
import type { TestCsrs } from "@/tests/sectigo/support/csrs";
import { minimalInput } from "@/tests/sectigo/support/orders";

// Valid order inputs, each with a CSR of its own: the CA (and the sandbox) refuses a QWAC whose
// CSR was already used, and RSA signatures are deterministic, so each CSR gets its own subject.

/** A natural person's certificate, a legal person's seal and a QWAC: three shapes of the form. */
export const SOAK_PRODUCTS: readonly ProductCode[] = [777, 781, 783];

export type OrderInputValue = Record<string, unknown>;

async function inputFor(code: ProductCode, tag: string): Promise<OrderInputValue> {
  const product = getProduct(code);
  if (!product) throw new Error(`unknown product ${code}`);
  if (product.qwac) {
    const domain = `${tag}.soak.example.eu`;
    const csr = await makeCsr({ subject: { commonName: domain }, dnsNames: [domain] });
    return { ...minimalInput(product, { qwac: csr, multi: csr } as TestCsrs), domainNames: [domain] };
  }
  const subject =
    product.person === "legal"
      ? { commonName: `Soak Seal ${tag}`, organizationName: "Example GmbH", countryName: "DE" }
      : { commonName: `Soak Person ${tag}`, countryName: "DE" };
  return { ...minimalInput(product, { person: await makeCsr({ subject }) } as TestCsrs) };
}

/**
 * Order inputs cycling through SOAK_PRODUCTS, made ahead of the timed load so CSR signing does
 * not count as portal latency; should the load outrun the pool, further ones are made on demand.
 * `runTag` keeps the CSRs of separate runs apart.
 */
export class InputPool {
  private readonly ready: OrderInputValue[] = [];
  private next = 0;
  madeOnDemand = 0;

  constructor(private readonly runTag: string) {}

  private make(): Promise<OrderInputValue> {
    const i = this.next++;
    return inputFor(SOAK_PRODUCTS[i % SOAK_PRODUCTS.length]!, `${this.runTag}-${i}`);
  }

  async prepare(count: number): Promise<this> {
    for (let made = 0; made < count; made += 50) {
      const size = Math.min(50, count - made);
      this.ready.push(...(await Promise.all(Array.from({ length: size }, () => this.make()))));
    }
    return this;
  }

  async take(): Promise<OrderInputValue> {
    const input = this.ready.shift();
    if (input) return input;
    this.madeOnDemand += 1;
    return this.make();
  }
}
