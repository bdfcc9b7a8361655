"use client";

import { useEffect } from "react";
import { useRouter } from "next/navigation";

// While the order is being sent, the page asks the server again every few seconds, so the
// customer sees the outcome without reloading. It stops after a few minutes: by then the order
// has an outcome, or support has it.
const INTERVAL_MS = 3000;
const MAX_REFRESHES = 100;

/**
 * Refreshes the page's server data while it is mounted: every 3 s for a sending order, and more
 * slowly (intervalMs) while Sectigo validates a placed one, so the checklist changes by itself.
 */
export function RefreshWhileSending({
  intervalMs = INTERVAL_MS,
  maxRefreshes = MAX_REFRESHES,
}: { intervalMs?: number; maxRefreshes?: number } = {}) {
  const router = useRouter();
  useEffect(() => {
    let count = 0;
    const timer = setInterval(() => {
      count += 1;
      if (count > maxRefreshes) clearInterval(timer);
      else if (document.visibilityState === "visible") router.refresh();
    }, intervalMs);
    return () => clearInterval(timer);
  }, [router, intervalMs, maxRefreshes]);
  return null;
}
