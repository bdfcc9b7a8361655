// The alert conditions and the decision for one of them at one evaluation, without a database:
// an incident opens when its measure reaches the threshold, and closes only once the measure has
// stayed under it for a whole window (so a measure hovering at the threshold does not flap).

export const INCIDENT_KINDS = [
  "sectigo-failure-rate",
  "sectigo-latency-p95",
  "retry-backlog",
  "outbox-backlog",
] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export function isIncidentKind(value: string): value is IncidentKind {
  return (INCIDENT_KINDS as readonly string[]).includes(value);
}

/** How each kind is named to a person, and how its value reads. */
export const INCIDENT_LABELS: Record<IncidentKind, { title: string; format: (value: number) => string }> = {
  "sectigo-failure-rate": {
    title: "Sectigo calls failing",
    format: (v) => `${Math.round(v * 1000) / 10} % of calls failed`,
  },
  "sectigo-latency-p95": {
    title: "Sectigo answering slowly",
    format: (v) => `95 % of calls within ${Math.round(v)} ms`,
  },
  "retry-backlog": { title: "Orders piling up for retry", format: (v) => `${v} orders waiting for a retry` },
  "outbox-backlog": { title: "Mail not going out", format: (v) => `${v} mails waiting` },
};

export interface AlertSettings {
  windowMs: number;
  failureRate: number;
  minCalls: number;
  latencyP95Ms: number;
  retryBacklog: number;
  outboxBacklog: number;
}

/** What the evaluator measured over the window. */
export interface Measures {
  /** Calls with an answer or a failure (cancelled ones excluded). */
  calls: number;
  failures: number;
  /** Null when there were no calls. */
  p95Ms: number | null;
  retryBacklog: number;
  outboxBacklog: number;
}

export interface Reading {
  kind: IncidentKind;
  /** The measure's value; null when there is too little data to judge (counts as clear). */
  value: number | null;
  threshold: number;
}

/** The four conditions' readings from one set of measures. */
export function readings(m: Measures, s: AlertSettings): Reading[] {
  const enough = m.calls >= s.minCalls;
  return [
    { kind: "sectigo-failure-rate", value: enough ? m.failures / m.calls : null, threshold: s.failureRate },
    { kind: "sectigo-latency-p95", value: enough ? m.p95Ms : null, threshold: s.latencyP95Ms },
    { kind: "retry-backlog", value: m.retryBacklog, threshold: s.retryBacklog },
    { kind: "outbox-backlog", value: m.outboxBacklog, threshold: s.outboxBacklog },
  ];
}

export interface OpenIncident {
  peakValue: number;
  clearSince: Date | null;
}

export type Decision =
  | { action: "none" }
  | { action: "open"; value: number }
  | { action: "hold"; peakValue: number; lastValue: number; clearSince: Date | null }
  | { action: "close"; endedAt: Date; lastValue: number };

export function breaches(reading: Reading): boolean {
  return reading.value !== null && reading.value >= reading.threshold;
}

/** What to do about one condition, given its open incident (if any). */
export function decide(reading: Reading, open: OpenIncident | null, windowMs: number, now: Date): Decision {
  const value = reading.value ?? 0;
  if (!open) return breaches(reading) ? { action: "open", value } : { action: "none" };
  if (breaches(reading))
    return { action: "hold", peakValue: Math.max(open.peakValue, value), lastValue: value, clearSince: null };
  const clearSince = open.clearSince ?? now;
  // Ended when it cleared; the window after that was the proof that it stayed clear.
  if (now.getTime() - clearSince.getTime() >= windowMs)
    return { action: "close", endedAt: clearSince, lastValue: value };
  return { action: "hold", peakValue: open.peakValue, lastValue: value, clearSince };
}
