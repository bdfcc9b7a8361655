"use client";

import { useEffect, useState } from "react";
import { useFormContext } from "react-hook-form";
import { formatMoney, formatRate } from "@/lib/prices/format";
import type { Quote } from "@/lib/prices/quote";
import { quoteAction } from "../quote-actions";
import { usePrices } from "./prices";
import type { WizardValues } from "./form-values";

type Loaded = { quote: Quote | null } | { error: string };

/**
 * The review step's price: net, VAT of the customer's country and total, computed on the server
 * by the function that stores it at submission; the key it shows is what the submission posts.
 */
export function QuoteSummary() {
  const prices = usePrices();
  const { getValues } = useFormContext<WizardValues>();
  const [loaded, setLoaded] = useState<Loaded>();
  const { round, remember, settle, orderId } = prices;

  useEffect(() => {
    let cancelled = false;
    remember(undefined);
    void quoteAction(undefined, { forOrder: orderId(), input: getValues() })
      .then((result) => {
        if (cancelled) return;
        if (result.ok && result.data) {
          remember(result.data.key);
          setLoaded({ quote: result.data.quote });
        } else {
          settle();
          setLoaded({ error: result.ok ? "The price could not be loaded." : result.message });
        }
      })
      .catch(() => {
        if (cancelled) return;
        // The order may still be placed: the server then asks to review the price first.
        settle();
        setLoaded({ error: "The price could not be loaded. Check your connection and reload." });
      });
    return () => {
      cancelled = true;
    };
    // The functions change every render; `round` alone fetches again after a refused price.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [getValues, round]);

  return (
    <section
      aria-labelledby="review-price"
      className="rounded-md border border-slate-200 p-3"
      aria-live="polite"
    >
      <h3 id="review-price" className="font-semibold">
        Price
      </h3>
      {!loaded ? (
        <p className="mt-2 text-sm">Loading the price…</p>
      ) : "error" in loaded ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {loaded.error}
        </p>
      ) : loaded.quote ? (
        <QuoteTable quote={loaded.quote} />
      ) : (
        <p className="mt-2 text-sm" data-testid="price-on-request">
          <strong>Price on request.</strong> No price is listed for this certificate and validity; you can
          still place the order, and we will tell you the price before we invoice it.
        </p>
      )}
    </section>
  );
}

function QuoteTable({ quote }: { quote: Quote }) {
  const money = (amount: string) => formatMoney(amount, quote.currency);
  return (
    <>
      <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[minmax(10rem,max-content)_1fr]">
        <dt className="text-slate-600">Net price</dt>
        <dd data-testid="quote-net">{money(quote.net)}</dd>
        <dt className="text-slate-600">
          VAT {formatRate(quote.vatRate)}
          {quote.reverseCharge ? <strong data-testid="reverse-charge"> — reverse charge</strong> : null}
        </dt>
        <dd data-testid="quote-vat">{money(quote.vat)}</dd>
        <dt className="font-semibold">Total</dt>
        <dd data-testid="quote-gross" className="font-semibold">
          {money(quote.gross)}
        </dd>
      </dl>
      <p className="mt-1 text-xs text-slate-600">{quote.vatNote}</p>
    </>
  );
}
