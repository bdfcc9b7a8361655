"use client";

import { useEffect, useState } from "react";

// The order schema (zod), the CSR decoder (@peculiar/x509, asn1js, tsyringe) and the steps after
// the first are most of the wizard's JavaScript, yet the first step needs none of them. They come
// in chunks of their own, fetched when a later step is shown, a CSR is to be read, or answers
// are validated, and as soon as the customer starts using the form, so that they are usually
// there before they are asked for.

export type LaterSteps = typeof import("./later-steps");

let loaded: LaterSteps | undefined;
let loading: Promise<LaterSteps> | undefined;

/** The later-steps module; fetched once, and again after a failed attempt (a network error). */
export function loadLaterSteps(): Promise<LaterSteps> {
  loading ??= import("./later-steps").then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/**
 * The later-steps module when `needed` (at once if it was loaded before), and whether fetching
 * it failed; undefined while it is on its way.
 */
export function useLaterSteps(needed: boolean): { later?: LaterSteps; failed: boolean } {
  const [later, setLater] = useState(loaded);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (later || !needed) return;
    let cancelled = false;
    loadLaterSteps().then(
      (module) => !cancelled && setLater(module),
      () => !cancelled && setFailed(true),
    );
    return () => {
      cancelled = true;
    };
  }, [later, needed]);
  return { later: later ?? loaded, failed: failed && !loaded };
}
