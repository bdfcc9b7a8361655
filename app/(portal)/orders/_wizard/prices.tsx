"use client";

import { createContext, useContext, useRef, useState, type ReactNode, type RefObject } from "react";
import { formatMoney } from "@/lib/prices/format";

export type PriceTable = Record<string, { net: string; currency: string }>;

interface PriceState {
  table: PriceTable;
  /** The quote key the review step showed last (undefined: none yet); the submission posts it. */
  shownKey: () => string | undefined;
  remember: (key: string | undefined) => void;
  /** The quote could not be loaded: the button is released (the server will refuse the send). */
  settle: () => void;
  /** The order being written (set once its first save created it). */
  orderId: () => string | undefined;
  /** The quote was loaded (or failed to): the order may be placed (the button waits for it). */
  ready: boolean;
  /** Grows when the server refused a changed price, so the review fetches the quote again. */
  round: number;
  refresh: () => void;
}

const PriceContext = createContext<PriceState | null>(null);

/**
 * The wizard's prices: the table shown beside each choice, and the quote the review showed.
 * `orderIdRef` is the wizard's own ref of the order being written.
 */
export function WizardPrices({
  table,
  orderIdRef,
  children,
}: {
  table: PriceTable;
  orderIdRef: RefObject<string | undefined>;
  children: ReactNode;
}) {
  const shownRef = useRef<string | undefined>(undefined);
  const [round, setRound] = useState(0);
  const [ready, setReady] = useState(false);
  const value: PriceState = {
    table,
    shownKey: () => shownRef.current,
    remember: (key) => {
      shownRef.current = key;
      setReady(key !== undefined);
    },
    settle: () => setReady(true),
    ready,
    orderId: () => orderIdRef.current,
    round,
    refresh: () => setRound((r) => r + 1),
  };
  return <PriceContext.Provider value={value}>{children}</PriceContext.Provider>;
}

/** The wizard's price state (inside WizardPrices). */
export function usePrices(): PriceState {
  const state = useContext(PriceContext);
  if (!state) throw new Error("usePrices outside WizardPrices");
  return state;
}

/** "— €120.00 plus VAT" beside a choice, or "— price on request" when none is set. */
export function PriceTag({ product, days }: { product: number; days: number }) {
  const { table } = usePrices();
  const price = table[`${product}:${days}`];
  return (
    <span className="text-slate-700">
      {" — "}
      {price ? `${formatMoney(price.net, price.currency)} plus VAT` : "price on request"}
    </span>
  );
}

/**
 * The price of a product as the first step shows it, before any draft exists: the lowest listed
 * net over its validities ("from €89.00 plus VAT"), or "price on request" when none is listed.
 */
export function productPriceText(
  table: PriceTable,
  product: { code: number; days: readonly number[] },
): string {
  const listed = product.days
    .map((d) => table[`${product.code}:${d}`])
    .filter((p): p is { net: string; currency: string } => p !== undefined);
  if (listed.length === 0) return "Price on request";
  const lowest = listed.reduce((a, b) => (Number(b.net) < Number(a.net) ? b : a));
  const money = `${formatMoney(lowest.net, lowest.currency)} plus VAT`;
  return listed.length === 1 && product.days.length === 1 ? money : `From ${money}`;
}
