"use client";

import { useEffect } from "react";
import { useRouter } from "next/navigation";

// While the order is being sent, the page asks the server again every few seconds, so the
// customer sees the outcome without reloading. It stops after a few minutes: by then the order
// has an outcome, or support has it.
const INTERVAL_MS = 3000;
const MAX_REFRESHES = 100;

/** Refreshes the page's server data while it is mounted (rendered only for a sending order). */
export function RefreshWhileSending() {
  const router = useRouter();
  useEffect(() => {
    let count = 0;
    const timer = setInterval(() => {
      count += 1;
      if (count > MAX_REFRESHES) clearInterval(timer);
      else router.refresh();
    }, INTERVAL_MS);
    return () => clearInterval(timer);
  }, [router]);
  return null;
}
