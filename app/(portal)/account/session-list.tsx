"use client";

import { useActionState } from "react";
import { endSessionAction, signOutEverywhereAction } from "./actions";

export interface SessionItem {
  id: string;
  current: boolean;
  device: string;
  signedInAt: string;
  lastSeenAt: string;
  address: string | null;
}

export function SessionList({ sessions }: { sessions: SessionItem[] }) {
  const [ended, endSession, ending] = useActionState(endSessionAction, undefined);
  const [everywhere, signOutEverywhere, leaving] = useActionState(signOutEverywhereAction, undefined);
  const failure = [ended, everywhere].find((s) => s && !s.ok);
  return (
    <>
      <div aria-live="polite" aria-atomic="true">
        {ended?.ok ? (
          <p role="status" className="mb-3 rounded-md bg-green-50 p-3 text-sm text-green-900">
            {ended.message}
          </p>
        ) : null}
      </div>
      <div aria-live="assertive" aria-atomic="true">
        {failure && !failure.ok ? (
          <p
            role="alert"
            className="mb-3 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900"
          >
            {failure.message}
          </p>
        ) : null}
      </div>
      <ul
        aria-label="Your signed-in sessions"
        className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white"
      >
        {sessions.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 p-3 text-sm">
            <div className="min-w-0">
              <p className="font-semibold break-words">
                {s.device}
                {s.current ? (
                  <span className="bg-brand-50 text-brand-800 ml-2 rounded px-1.5 py-0.5 text-xs font-normal">
                    This browser
                  </span>
                ) : null}
              </p>
              <p className="break-words text-slate-600">
                Signed in {s.signedInAt} · last active {s.lastSeenAt}
                {s.address ? ` · from ${s.address}` : ""}
              </p>
            </div>
            {s.current ? null : (
              <form action={endSession}>
                <input type="hidden" name="sessionId" value={s.id} />
                <button
                  type="submit"
                  disabled={ending}
                  className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100"
                >
                  Sign out this session
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
      <form action={signOutEverywhere} className="mt-4">
        <button
          type="submit"
          disabled={leaving}
          className="rounded-md border border-red-300 px-3 py-1.5 text-red-900 hover:bg-red-50"
        >
          {leaving ? "Signing out…" : "Sign out everywhere"}
        </button>
      </form>
    </>
  );
}
