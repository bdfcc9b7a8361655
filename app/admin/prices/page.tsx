import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/guards";
import { listPrices } from "@/lib/prices/admin";
import { formatMoney, formatRate } from "@/lib/prices/format";
import { PRODUCTS } from "@/lib/sectigo/products";
import { COUNTRIES } from "@/lib/sectigo/countries";
import { describeDays } from "@/lib/prices/days";
import { PriceForm } from "./price-form";
import { VatRateForm } from "./vat-form";
import { RemoveButton } from "./remove-button";

export const metadata: Metadata = { title: "Prices" };

const CHOICES = PRODUCTS.flatMap((p) =>
  p.days.map((days) => ({ value: `${p.code}:${days}`, label: `${p.name} — ${describeDays(days)}` })),
);
const labelOf = (choice: string) => CHOICES.find((c) => c.value === choice)?.label ?? choice;
const countryName = (code: string) => COUNTRIES.find((c) => c.code === code)?.name ?? code;
const when = (date: Date) => date.toISOString().slice(0, 16).replace("T", " ") + " UTC";

export default async function PricesPage() {
  const admin = await requireRole("ADMIN");
  const { list, own, vat, organizations } = await listPrices(admin);
  const byChoice = new Map(list.map((row) => [row.choice, row]));
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">Prices</h1>
      <p className="text-sm text-slate-700">
        Customers see these net prices in the order wizard and the total with VAT of their country before they
        order; the order keeps the price quoted. A change applies to orders submitted afterwards. A choice
        without a price is shown as &ldquo;price on request&rdquo; and can still be ordered.
      </p>

      <section aria-labelledby="set-price" className="rounded-md border border-slate-200 p-4">
        <h2 id="set-price" className="mb-3 text-lg font-semibold">
          Set a price
        </h2>
        <PriceForm choices={CHOICES} organizations={organizations} />
      </section>

      <section aria-labelledby="list-prices">
        <h2 id="list-prices" className="mb-2 text-lg font-semibold">
          Price list
        </h2>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr>
                <th scope="col" className="py-1 pr-3">
                  Certificate and validity
                </th>
                <th scope="col" className="py-1 pr-3">
                  Net price
                </th>
                <th scope="col" className="py-1 pr-3">
                  Version
                </th>
                <th scope="col" className="py-1 pr-3">
                  Updated
                </th>
                <th scope="col" className="py-1">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {CHOICES.map((c) => {
                const row = byChoice.get(c.value);
                return (
                  <tr key={c.value} className="border-t border-slate-100">
                    <th scope="row" className="py-1 pr-3 font-normal">
                      {c.label}
                    </th>
                    <td className="py-1 pr-3">
                      {row ? formatMoney(row.net, row.currency) : <em>price on request</em>}
                    </td>
                    <td className="py-1 pr-3">{row?.version ?? "—"}</td>
                    <td className="py-1 pr-3">{row ? when(row.updatedAt) : "—"}</td>
                    <td className="py-1">
                      {row ? (
                        <RemoveButton
                          kind="price"
                          choice={c.value}
                          organizationId=""
                          label={`Remove the price of ${c.label}`}
                        />
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="own-prices">
        <h2 id="own-prices" className="mb-2 text-lg font-semibold">
          Organizations&apos; own prices
        </h2>
        {own.length === 0 ? (
          <p className="text-sm text-slate-700">No organization has a price of its own.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead>
              <tr>
                <th scope="col" className="py-1 pr-3">
                  Organization
                </th>
                <th scope="col" className="py-1 pr-3">
                  Certificate and validity
                </th>
                <th scope="col" className="py-1 pr-3">
                  Net price
                </th>
                <th scope="col" className="py-1 pr-3">
                  Version
                </th>
                <th scope="col" className="py-1">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {own.map((row) => (
                <tr key={`${row.organizationId}:${row.choice}`} className="border-t border-slate-100">
                  <td className="py-1 pr-3">{row.organizationName}</td>
                  <td className="py-1 pr-3">{labelOf(row.choice)}</td>
                  <td className="py-1 pr-3">{formatMoney(row.net, row.currency)}</td>
                  <td className="py-1 pr-3">{row.version}</td>
                  <td className="py-1">
                    <RemoveButton
                      kind="price"
                      choice={row.choice}
                      organizationId={row.organizationId}
                      label={`Remove ${row.organizationName}'s price of ${labelOf(row.choice)}`}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="vat-rates" className="space-y-3">
        <h2 id="vat-rates" className="text-lg font-semibold">
          VAT by customer country
        </h2>
        <p className="text-sm text-slate-700">
          The rate of the order&apos;s organization country (or its CSR&apos;s country) applies. A country not
          in this table pays no VAT; an order without a country is quoted without VAT.
        </p>
        <div className="rounded-md border border-slate-200 p-4">
          <VatRateForm />
        </div>
        <table className="w-full text-left text-sm">
          <thead>
            <tr>
              <th scope="col" className="py-1 pr-3">
                Country
              </th>
              <th scope="col" className="py-1 pr-3">
                Rate
              </th>
              <th scope="col" className="py-1 pr-3">
                Updated
              </th>
              <th scope="col" className="py-1">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {vat.map((row) => (
              <tr key={row.countryCode} className="border-t border-slate-100">
                <th scope="row" className="py-1 pr-3 font-normal">
                  {countryName(row.countryCode)} ({row.countryCode})
                </th>
                <td className="py-1 pr-3">{formatRate(row.rate)}</td>
                <td className="py-1 pr-3">{when(row.updatedAt)}</td>
                <td className="py-1">
                  <RemoveButton
                    kind="vat"
                    countryCode={row.countryCode}
                    label={`Remove the VAT rate of ${row.countryCode}`}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
