"use client";

import { useFormContext } from "react-hook-form";
import { PRODUCTS, type Product } from "@/lib/sectigo/products";
import type { WizardValues } from "./form-values";
import { describeDays } from "@/lib/prices/days";
import { PriceTag, productPriceText, usePrices } from "./prices";

function Badges({ product }: { product: Product }) {
  const badges = [
    product.qwac && "QWAC",
    product.psd2 && "PSD2",
    product.qscd && "QSCD token",
    product.multiDomain && "Multi-domain",
  ].filter(Boolean) as string[];
  return (
    <span className="mt-1 flex flex-wrap gap-1">
      {badges.map((b) => (
        <span key={b} className="bg-brand-100 text-brand-800 rounded px-1.5 py-0.5 text-xs font-semibold">
          {b}
        </span>
      ))}
    </span>
  );
}

/** The 14 products as radio cards, grouped by natural and legal person. */
export function ProductStep() {
  const { setValue, watch, formState } = useFormContext<WizardValues>();
  const selected = Number(watch("product"));
  const error = (formState.errors.product as { message?: string } | undefined)?.message;
  const { table } = usePrices();
  const chosen = PRODUCTS.find((p) => p.code === selected);
  const groups = [
    { title: "For a person (natural person)", items: PRODUCTS.filter((p) => p.person === "natural") },
    { title: "For an organization (legal person)", items: PRODUCTS.filter((p) => p.person === "legal") },
  ];
  return (
    <div className="space-y-6">
      {groups.map((group, index) => (
        <fieldset key={group.title} aria-describedby={error ? "product-error" : undefined}>
          <legend className="mb-2 text-base font-semibold">{group.title}</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {group.items.map((p, i) => (
              <label
                key={p.code}
                className={`flex cursor-pointer gap-3 rounded-md border p-3 text-sm ${
                  selected === p.code
                    ? "border-brand-600 bg-brand-50"
                    : "border-slate-200 bg-white hover:border-slate-400"
                }`}
              >
                <input
                  type="radio"
                  name="product"
                  value={String(p.code)}
                  checked={selected === p.code}
                  onChange={() => setValue("product", p.code, { shouldDirty: true, shouldValidate: true })}
                  className="mt-1"
                  id={index === 0 && i === 0 ? "product" : undefined}
                  aria-label={p.name}
                  aria-describedby={`product-${p.code}-desc product-${p.code}-price`}
                />
                <span>
                  <span className="font-semibold">{p.name}</span>
                  <span id={`product-${p.code}-desc`} className="block text-slate-700">
                    {p.explanation}
                  </span>
                  <span
                    id={`product-${p.code}-price`}
                    className="mt-1 block text-slate-700"
                    data-testid={`product-${p.code}-price`}
                  >
                    {productPriceText(table, p)}
                  </span>
                  <Badges product={p} />
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      {/* The current choice's price, announced as it changes (the validity step then prices each). */}
      <p role="status" aria-live="polite" className="text-sm" data-testid="chosen-price">
        {chosen ? (
          <>
            <span className="font-semibold">{chosen.name}:</span>{" "}
            {productPriceText(table, chosen).replace(/^From/, "from")}
            {chosen.days.length > 1 ? ", depending on the validity you choose next." : "."}
          </>
        ) : null}
      </p>
      {error ? (
        <p id="product-error" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

// Kept in lib so server pages (the admin's price list) can use it too.
export { describeDays };

/** Validity choice limited to the product's `days`, and the token delivery note or choice. */
export function ValidityStep({ children }: { children?: React.ReactNode }) {
  const { setValue, watch, formState } = useFormContext<WizardValues>();
  const product = PRODUCTS.find((p) => p.code === Number(watch("product")));
  const days = Number(watch("days"));
  const error = (formState.errors.days as { message?: string } | undefined)?.message;
  if (!product) return <p>Choose a certificate first.</p>;
  return (
    <div className="space-y-6">
      <fieldset aria-describedby={error ? "days-error" : undefined}>
        <legend className="mb-2 text-base font-semibold">Validity</legend>
        <div className="flex flex-wrap gap-2">
          {product.days.map((d, i) => (
            <label
              key={d}
              className="flex cursor-pointer items-center gap-2 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm"
            >
              <input
                type="radio"
                name="days"
                value={String(d)}
                checked={days === d}
                onChange={() => setValue("days", d, { shouldDirty: true, shouldValidate: true })}
                id={i === 0 ? "days" : undefined}
              />
              {describeDays(d)}
              <PriceTag product={product.code} days={d} />
            </label>
          ))}
        </div>
        {error ? (
          <p id="days-error" className="mt-1 text-sm text-red-700">
            {error}
          </p>
        ) : null}
      </fieldset>
      {product.qscd ? (
        <p className="bg-brand-50 rounded-md p-3 text-sm">
          This is a QSCD product: Sectigo creates the key on a certified signature token and ships the token
          to you. You will give the shipping address in a later step.
        </p>
      ) : product.qwac ? null : (
        children
      )}
    </div>
  );
}
