"use client";

import { useEffect, useState } from "react";
import { currentOrderId, getStoredKey, onStoredKeyChange, type StoredKey } from "./key-store";

/** The key kept in this browser for the order being edited (or shown), kept up to date. */
export function useStoredKey(orderId?: string): { key?: StoredKey; loaded: boolean } {
  const [state, setState] = useState<{ key?: StoredKey; loaded: boolean }>({ loaded: false });
  useEffect(() => {
    const id = orderId ?? currentOrderId();
    let cancelled = false;
    const load = () =>
      void getStoredKey(id).then((key) => {
        if (!cancelled) setState({ key, loaded: true });
      });
    load();
    const unsubscribe = onStoredKeyChange(load);
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [orderId]);
  return state;
}
