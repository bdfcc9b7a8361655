// The order page's timeline: the send attempts and the order's events (approval steps, status
// changes at Sectigo) in one list, oldest first. At the same instant an event goes before an
// attempt: "Approved" is recorded before the send it causes.

type Dated = { at: Date } | { startedAt: Date };

const atOf = (item: Dated) => ("at" in item ? item.at : item.startedAt).getTime();

export type TimelineEntry<A, E> = { attempt: A; event?: undefined } | { event: E; attempt?: undefined };

export function timeline<A extends { startedAt: Date }, E extends { at: Date }>(
  attempts: readonly A[],
  events: readonly E[],
): TimelineEntry<A, E>[] {
  const entries: (TimelineEntry<A, E> & { t: number })[] = [
    ...events.map((event) => ({ event, t: atOf(event) })),
    ...attempts.map((attempt) => ({ attempt, t: atOf(attempt) })),
  ];
  // Array.prototype.sort is stable: equal times keep events first.
  return entries.sort((a, b) => a.t - b.t).map(({ t: _t, ...entry }) => entry as TimelineEntry<A, E>);
}
