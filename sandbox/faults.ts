import { z } from "zod";
import { ENDPOINT_KEYS } from "@/lib/sectigo/after-ordering";

export const FAULT_MODES = ["none", "http500", "http503", "malformed", "drop-after-place"] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

/**
 * Misbehaviour of the sandbox CA for !AutoApplyOrder requests. `latencyMs` delays every answer
 * (the order is placed first, as a slow CA would); `remaining` limits the fault to the next N
 * requests it applies to, then everything reverts to normal; `rate` applies it to that share of
 * requests only. For the after-ordering endpoints `drop-after-place` performs the call (e.g.
 * the revocation) and then closes the socket without an answer.
 */
/**
 * Which endpoint a fault targets: an after-ordering endpoint key, or `collect` for both collect
 * endpoints. Without `endpoint` a fault applies to !AutoApplyOrder, as before.
 */
export const FAULT_TARGETS = ["autoApplyOrder", "collect", ...ENDPOINT_KEYS] as const;
export type FaultTarget = (typeof FAULT_TARGETS)[number];

export const faultConfigSchema = z.strictObject({
  endpoint: z.enum(FAULT_TARGETS).optional(),
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  mode: z.enum(FAULT_MODES).optional(),
  remaining: z.number().int().min(1).optional(),
  rate: z.number().min(0).max(1).optional(),
});

export type FaultConfig = z.infer<typeof faultConfigSchema>;

export interface AppliedFault {
  latencyMs: number;
  mode: FaultMode;
}

const NO_FAULT: AppliedFault = { latencyMs: 0, mode: "none" };

export function isActive(config: FaultConfig): boolean {
  return (config.mode ?? "none") !== "none" || (config.latencyMs ?? 0) > 0;
}

/** Decides the fault for one request and returns the configuration to keep for the next ones. */
export function takeFault(
  config: FaultConfig,
  random: () => number = Math.random,
): { applied: AppliedFault; next: FaultConfig } {
  if (!isActive(config)) return { applied: NO_FAULT, next: config };
  if (config.rate !== undefined && random() >= config.rate) return { applied: NO_FAULT, next: config };
  const applied = { latencyMs: config.latencyMs ?? 0, mode: config.mode ?? "none" };
  if (config.remaining === undefined) return { applied, next: config };
  return { applied, next: config.remaining > 1 ? { ...config, remaining: config.remaining - 1 } : {} };
}
