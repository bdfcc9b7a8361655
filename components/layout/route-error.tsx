"use client";

import { useEffect, useRef } from "react";
import Link from "next/link";

/**
 * What a route's error boundary shows instead of Next's generic page: what happened in words,
 * a way to try again and a way back. Only the error's digest is shown, never its message: in
 * production that is all the browser gets, and it is what support finds in the server log.
 */
export function RouteError({
  error,
  retry,
  back = { href: "/orders", label: "Back to my orders" },
}: {
  error: unknown;
  retry: () => void;
  back?: { href: string; label: string };
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const digest =
    typeof error === "object" && error !== null && typeof (error as { digest?: unknown }).digest === "string"
      ? (error as { digest: string }).digest
      : undefined;
  return (
    <section
      role="alert"
      aria-labelledby="route-error-heading"
      className="mx-auto max-w-xl px-4 py-16 text-center"
    >
      <h1 id="route-error-heading" ref={heading} tabIndex={-1} className="text-2xl font-bold">
        This page could not be loaded
      </h1>
      <p className="mt-2 text-slate-700">
        The portal could not finish this page, usually because a service it needs is briefly unavailable.
        Answers you typed into an order that were not saved yet are kept in this browser.
      </p>
      {digest ? <p className="mt-2 text-xs text-slate-500">Reference for support: {digest}</p> : null}
      <div className="mt-6 flex flex-wrap justify-center gap-3">
        <button
          type="button"
          onClick={retry}
          className="bg-brand-600 hover:bg-brand-700 inline-flex min-h-10 items-center rounded-md px-4 py-2 text-sm font-semibold text-white"
        >
          Try again
        </button>
        <Link
          href={back.href}
          className="inline-flex min-h-10 items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-100"
        >
          {back.label}
        </Link>
      </div>
    </section>
  );
}
