// The 14 eIDAS products of !AutoApplyOrder (spec §3.1, grade A).

export const PRODUCT_CODES = [777, 778, 779, 780, 791, 792, 781, 782, 786, 787, 783, 784, 788, 789] as const;
export type ProductCode = (typeof PRODUCT_CODES)[number];

/** `days` for QWAC products (spec row 4). */
export const QWAC_DAYS = [90, 365] as const;
/** `days` for every other eIDAS product; above 365 buys a 2–5 year bundle. */
export const NON_QWAC_DAYS = [365, 730, 1095, 1461, 1826] as const;

export interface Product {
  code: ProductCode;
  /** Name as Sectigo prints it. */
  name: string;
  /** One line for customers choosing a product. */
  explanation: string;
  person: "natural" | "legal";
  qwac: boolean;
  psd2: boolean;
  /** Key and certificate live on a certified token that Sectigo ships. */
  qscd: boolean;
  multiDomain: boolean;
  days: readonly number[];
}

function product(p: Omit<Product, "days">): Product {
  return { ...p, days: p.qwac ? QWAC_DAYS : NON_QWAC_DAYS };
}

export const PRODUCTS: readonly Product[] = [
  product({
    code: 777,
    name: "Citizen Qualified Certificate",
    explanation: "Qualified signature certificate for a private person; you keep the key on your own device.",
    person: "natural",
    qwac: false,
    psd2: false,
    qscd: false,
    multiDomain: false,
  }),
  product({
    code: 778,
    name: "Citizen Qualified Certificate QSCD",
    explanation:
      "Qualified signature certificate for a private person, delivered on a certified signature token.",
    person: "natural",
    qwac: false,
    psd2: false,
    qscd: true,
    multiDomain: false,
  }),
  product({
    code: 779,
    name: "Employee Qualified Certificate",
    explanation:
      "Qualified signature certificate for a person acting for their employer; key on your own device.",
    person: "natural",
    qwac: false,
    psd2: false,
    qscd: false,
    multiDomain: false,
  }),
  product({
    code: 780,
    name: "Employee Qualified Certificate QSCD",
    explanation: "Qualified signature certificate for an employee, delivered on a certified signature token.",
    person: "natural",
    qwac: false,
    psd2: false,
    qscd: true,
    multiDomain: false,
  }),
  product({
    code: 791,
    name: "QWAC Natural",
    explanation: "Qualified website certificate for one domain, issued to a private person.",
    person: "natural",
    qwac: true,
    psd2: false,
    qscd: false,
    multiDomain: false,
  }),
  product({
    code: 792,
    name: "QWAC Natural Multi-Domain",
    explanation: "Qualified website certificate for several domains, issued to a private person.",
    person: "natural",
    qwac: true,
    psd2: false,
    qscd: false,
    multiDomain: true,
  }),
  product({
    code: 781,
    name: "Seal Qualified certificate",
    explanation:
      "Qualified electronic seal for an organization (e.g. to seal invoices); key on your own device.",
    person: "legal",
    qwac: false,
    psd2: false,
    qscd: false,
    multiDomain: false,
  }),
  product({
    code: 782,
    name: "Seal Qualified certificate QSCD",
    explanation: "Qualified electronic seal for an organization, delivered on a certified token.",
    person: "legal",
    qwac: false,
    psd2: false,
    qscd: true,
    multiDomain: false,
  }),
  product({
    code: 786,
    name: "Seal for PSD2",
    explanation: "Qualified seal for a licensed payment service provider (PSD2); key on your own device.",
    person: "legal",
    qwac: false,
    psd2: true,
    qscd: false,
    multiDomain: false,
  }),
  product({
    code: 787,
    name: "Seal for PSD2 QSCD",
    explanation:
      "Qualified PSD2 seal for a licensed payment service provider, delivered on a certified token.",
    person: "legal",
    qwac: false,
    psd2: true,
    qscd: true,
    multiDomain: false,
  }),
  product({
    code: 783,
    name: "QWAC Legal",
    explanation: "Qualified website certificate for one domain of an organization.",
    person: "legal",
    qwac: true,
    psd2: false,
    qscd: false,
    multiDomain: false,
  }),
  product({
    code: 784,
    name: "QWAC Legal Multi-Domain",
    explanation: "Qualified website certificate for several domains of an organization.",
    person: "legal",
    qwac: true,
    psd2: false,
    qscd: false,
    multiDomain: true,
  }),
  product({
    code: 788,
    name: "QWAC Legal for PSD2",
    explanation:
      "Qualified website certificate for one domain of a licensed payment service provider (PSD2).",
    person: "legal",
    qwac: true,
    psd2: true,
    qscd: false,
    multiDomain: false,
  }),
  product({
    code: 789,
    name: "QWAC Legal for PSD2 Multi-Domain",
    explanation:
      "Qualified website certificate for several domains of a licensed payment service provider (PSD2).",
    person: "legal",
    qwac: true,
    psd2: true,
    qscd: false,
    multiDomain: true,
  }),
];

const BY_CODE = new Map<number, Product>(PRODUCTS.map((p) => [p.code, p]));

export function getProduct(code: unknown): Product | undefined {
  return typeof code === "number" ? BY_CODE.get(code) : undefined;
}

/** "QWAC Legal only" in Sectigo's text, read as the legal-person QWACs incl. the PSD2 ones (§2.10). */
export function isQwacLegal(p: Product): boolean {
  return p.qwac && p.person === "legal";
}
