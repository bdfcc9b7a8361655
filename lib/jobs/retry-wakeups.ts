import "server-only";
import pg from "pg";
import { z } from "zod";
import type { DatabaseHandle } from "@/lib/db/open";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";

// Scheduled retries reach the job runner through the database: the "Order_retry_scheduled"
// trigger (migration 20261203094500) notifies this channel when a retry is committed, whichever
// code path or portal instance scheduled it. Nothing in the send path knows the runner exists.
// A notification missed while the connection was down is no loss: the minute's sweep finds every
// due retry from the order rows.
export const RETRY_CHANNEL = "order_retry_scheduled";

const wakeupSchema = z.object({ orderId: z.string().min(1), at: z.coerce.date().nullable() });

export type RetryWakeup = (orderId: string, at: Date) => Promise<void>;

/** Wakes `onWakeup` for every committed retry; resolves to a function that stops listening. */
export async function listenForRetries(
  handle: DatabaseHandle,
  onWakeup: RetryWakeup,
): Promise<() => Promise<void>> {
  const deliver = (payload: string | undefined) => {
    let parsed: z.infer<typeof wakeupSchema>;
    try {
      parsed = wakeupSchema.parse(JSON.parse(payload ?? ""));
    } catch {
      logger.warn({ channel: RETRY_CHANNEL }, "ignored a retry notification that is not an order wake-up");
      return;
    }
    onWakeup(parsed.orderId, parsed.at ?? new Date()).catch((error: unknown) =>
      logger.warn(
        { orderId: parsed.orderId, err: error instanceof Error ? error.message : String(error) },
        "could not enqueue a retry; the sweep will",
      ),
    );
  };
  return listenOnChannel(handle, RETRY_CHANNEL, deliver);
}

/** Calls `deliver` with each notification on `channel` (any instance's committed NOTIFY). */
export async function listenOnChannel(
  handle: DatabaseHandle,
  channel: string,
  deliver: (payload: string | undefined) => void,
): Promise<() => Promise<void>> {
  if (handle.kind === "pglite" && handle.pglite) return handle.pglite.listen(channel, deliver);
  return listenOnPostgres(channel, deliver);
}

const RECONNECT_MS = { first: 1_000, max: 30_000 };

/** One dedicated connection holding LISTEN, reconnected with back-off when it drops. */
async function listenOnPostgres(
  channel: string,
  deliver: (payload: string | undefined) => void,
): Promise<() => Promise<void>> {
  let stopped = false;
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;
  let delay = RECONNECT_MS.first;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({
      connectionString: env().DATABASE_URL,
      application_name:
        channel === RETRY_CHANNEL ? "portal-retry-listen" : `portal-listen-${channel}`.slice(0, 63),
    });
    next.on("notification", (message) => {
      if (message.channel === channel) deliver(message.payload);
    });
    next.on("error", (error) => {
      logger.warn({ err: error.message, channel }, "notifications lost their connection; reconnecting");
      void next.end().catch(() => undefined);
      reconnectLater();
    });
    await next.connect();
    await next.query(`LISTEN ${channel}`);
    client = next;
    delay = RECONNECT_MS.first;
  };
  const reconnectLater = () => {
    client = null;
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = null;
      connect().catch((error: unknown) => {
        logger.warn(
          { err: error instanceof Error ? error.message : String(error) },
          `${channel} notifications: reconnect failed`,
        );
        delay = Math.min(delay * 2, RECONNECT_MS.max);
        reconnectLater();
      });
    }, delay);
    timer.unref();
  };

  await connect();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await (client as pg.Client | null)?.end().catch(() => undefined);
  };
}
