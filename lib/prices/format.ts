// Browser-safe: amounts arrive as decimal strings and are formatted without passing through a
// float (Intl.NumberFormat formats numeric strings exactly).

/** "EUR 1,234.50" style, e.g. "€1,234.50". */
export function formatMoney(amount: string, currency: string): string {
  try {
    return new Intl.NumberFormat("en-IE", { style: "currency", currency }).format(
      amount as unknown as number,
    );
  } catch {
    return `${amount} ${currency}`;
  }
}

/** "19 %" from "19.00". */
export function formatRate(rate: string): string {
  return `${rate.includes(".") ? rate.replace(/\.?0+$/, "") : rate} %`;
}
