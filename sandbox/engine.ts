import { checkHttpDcv } from "./dcv-check";
import { issueCertificate } from "./issue";
import { isOpen, lastProgressAt, newTrackingId, nextStep, type OrderStep } from "./lifecycle";
import { sendPush, type PushEvent } from "./push";
import type { SandboxOrder, SandboxState } from "./state";

// Moves orders through their steps: by time (stepDelayMs > 0) whenever an order is read or the
// sandbox's timer ticks, and by hand through the advance and reject routes. One order is worked
// on by one call at a time, so a certificate is issued once however many requests race.

export type AdvanceResult =
  { ok: true; order: SandboxOrder } | { ok: false; status: 404 | 409; error: string; order?: SandboxOrder };

export class Engine {
  private readonly locks = new Map<string, Promise<unknown>>();
  /** Pushes still being delivered, so tests and close() can wait for them. */
  readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly state: SandboxState,
    private readonly signal: AbortSignal,
  ) {}

  private serial<T>(orderNumber: string, work: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(orderNumber) ?? Promise.resolve();
    const next = previous.then(work, work);
    this.locks.set(
      orderNumber,
      next.catch(() => undefined),
    );
    return next;
  }

  private needsHttpCheck(order: SandboxOrder, step: OrderStep): boolean {
    return (
      step.kind === "dcv" &&
      this.state.settings.dcvHttpTarget !== undefined &&
      order.lifecycle.dcv[step.domain!]?.method === "HTTP_CSR_HASH"
    );
  }

  /** Completes a step, or answers why its DCV check failed. */
  private async complete(
    order: SandboxOrder,
    step: OrderStep,
    at: Date,
    force: boolean,
  ): Promise<string | null> {
    if (!force && this.needsHttpCheck(order, step)) {
      const result = await checkHttpDcv(order, step.domain!, this.state.settings.dcvHttpTarget!);
      order.lifecycle.dcv[step.domain!]!.lastCheck = { at: new Date().toISOString(), ...result };
      if (!result.ok) return `DCV check for ${step.domain} failed: ${result.detail}`;
    }
    step.doneAt = at.toISOString();
    if (step.kind === "shipping") order.lifecycle.trackingId ??= newTrackingId();
    return null;
  }

  private async issue(order: SandboxOrder, at: Date): Promise<void> {
    if (!this.state.ca) throw new Error("The sandbox CA is not ready");
    order.lifecycle.certificate = await issueCertificate(order, this.state.ca);
    order.lifecycle.outcome = "issued";
    order.lifecycle.issuedAt = at.toISOString();
    order.certificateState = "Issued";
    this.push({ orderNumber: order.orderNumber, certificateId: order.certificateId, statusCode: 6 });
  }

  /** Catches an order up with the clock (no-op with stepDelayMs 0). */
  progress(order: SandboxOrder, now = Date.now()): Promise<void> {
    const delay = this.state.settings.stepDelayMs;
    if (delay <= 0 || !isOpen(order.lifecycle)) return Promise.resolve();
    return this.serial(order.orderNumber, async () => {
      let changed = false;
      while (isOpen(order.lifecycle)) {
        const due = lastProgressAt(order.lifecycle, order.placedAt) + delay;
        if (due > now) break;
        const step = nextStep(order.lifecycle);
        const checked = step && this.needsHttpCheck(order, step);
        // A failed check is repeated once per step delay, not on every read or tick.
        const lastCheck = checked ? order.lifecycle.dcv[step.domain!]?.lastCheck : undefined;
        if (lastCheck && !lastCheck.ok && now - Date.parse(lastCheck.at) < delay) break;
        // A step that waited for a real check is stamped when it passed, not when it was due.
        const at = new Date(checked ? now : due);
        if (!step) {
          await this.issue(order, at);
          changed = true;
          break;
        }
        if ((await this.complete(order, step, at, false)) !== null) break;
        changed = true;
      }
      if (changed) this.state.save();
    });
  }

  /** One step by hand (`to: "issued"`: all the way); DCV checks still apply unless forced. */
  advance(order: SandboxOrder, opts: { toIssued: boolean; force: boolean }): Promise<AdvanceResult> {
    return this.serial(order.orderNumber, async (): Promise<AdvanceResult> => {
      if (!isOpen(order.lifecycle)) {
        return { ok: false, status: 409, error: `The order is ${order.lifecycle.outcome}`, order };
      }
      try {
        do {
          const step = nextStep(order.lifecycle);
          if (!step) {
            await this.issue(order, new Date());
            break;
          }
          const problem = await this.complete(order, step, new Date(), opts.force);
          if (problem) return { ok: false, status: 409, error: problem, order };
        } while (opts.toIssued);
        return { ok: true, order };
      } finally {
        this.state.save();
      }
    });
  }

  /** Validation refused: the order ends rejected (also how a pending order is cancelled). */
  reject(order: SandboxOrder): Promise<boolean> {
    return this.serial(order.orderNumber, async () => {
      if (!isOpen(order.lifecycle)) return false;
      const step = nextStep(order.lifecycle);
      if (step) step.failedAt = new Date().toISOString();
      order.lifecycle.outcome = "rejected";
      order.lifecycle.rejectedAt = new Date().toISOString();
      order.certificateState = "Rejected";
      this.state.save();
      this.push({ orderNumber: order.orderNumber, certificateId: order.certificateId, statusCode: 7 });
      return true;
    });
  }

  /** Revokes an issued certificate. */
  revoke(order: SandboxOrder, reason: { code: number; text: string }): Promise<boolean> {
    return this.serial(order.orderNumber, async () => {
      if (order.lifecycle.outcome !== "issued") return false;
      order.lifecycle.outcome = "revoked";
      order.lifecycle.revokedAt = new Date().toISOString();
      order.lifecycle.revocation = reason;
      order.certificateState = "Revoked";
      this.state.save();
      this.push({
        orderNumber: order.orderNumber,
        certificateId: order.certificateId,
        statusCode: 8,
        revocationReasonCode: reason.code,
      });
      return true;
    });
  }

  /** Runs whatever is due on every open order (the sandbox's timer). */
  async tick(): Promise<void> {
    const now = Date.now();
    await Promise.all(this.state.orders.filter((o) => isOpen(o.lifecycle)).map((o) => this.progress(o, now)));
  }

  private push(event: PushEvent): void {
    const url = this.state.settings.pushUrl;
    if (!url) return;
    const delivery = sendPush(url, event, (record) => this.state.pushes.push(record), {
      signal: this.signal,
      retryDelayMs: this.state.settings.pushRetryDelayMs,
    });
    this.pending.add(delivery);
    void delivery.finally(() => this.pending.delete(delivery));
  }

  /** Resolves once every push sent so far was delivered or given up. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
