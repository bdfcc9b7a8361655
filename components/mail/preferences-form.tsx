"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { LiveStatus } from "@/components/ui/live-status";
import type { ActionState } from "@/lib/actions";
import { ALWAYS_SENT, LANGUAGES, OPTIONAL_KINDS, type OptionalKind } from "@/lib/mail/preference-kinds";

export interface PreferencesFormProps {
  locale: string;
  kinds: { kind: OptionalKind; enabled: boolean }[];
  /** A server action saving { locale, enabled } for the signed-in user, or for `token`'s owner. */
  save: (
    previous: undefined,
    input: { locale: string; enabled: string[]; token?: string },
  ) => Promise<ActionState>;
  /** The mail's signed link token, when the page was opened from a mail without signing in. */
  token?: string;
}

const ID = "mail-preferences";

/** Which optional mails to get, and in which language; the always-sent ones are listed, not offered. */
export function PreferencesForm({ locale: initialLocale, kinds, save, token }: PreferencesFormProps) {
  const [enabled, setEnabled] = useState(() => new Set(kinds.filter((k) => k.enabled).map((k) => k.kind)));
  const [locale, setLocale] = useState(initialLocale);
  const [notice, setNotice] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const [pending, startTransition] = useTransition();
  // The buttons are disabled while saving, which drops keyboard focus to the page; it goes back
  // to where it was once they are enabled again.
  const focused = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (pending || !focused.current) return;
    if (document.activeElement === document.body || document.activeElement === null) focused.current.focus();
    focused.current = null;
  }, [pending]);

  const submit = (next: Set<OptionalKind>) => {
    focused.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setNotice(undefined);
    setProblem(undefined);
    startTransition(async () => {
      const result = await save(undefined, { locale, enabled: [...next], ...(token ? { token } : {}) });
      if (result.ok) {
        setEnabled(next);
        setNotice(result.message ?? "Saved.");
      } else setProblem(result.message);
    });
  };
  const toggle = (kind: OptionalKind, on: boolean) => {
    const next = new Set(enabled);
    if (on) next.add(kind);
    else next.delete(kind);
    setEnabled(next);
  };

  return (
    <form
      aria-labelledby={`${ID}-heading`}
      className="max-w-2xl space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        submit(enabled);
      }}
    >
      <h2 id={`${ID}-heading`} className="text-lg font-semibold">
        E-mail you get
      </h2>
      <ErrorSummary items={[]} message={problem} />
      <LiveStatus message={notice} />
      {kinds.length ? (
        <fieldset className="space-y-3">
          <legend className="text-sm font-medium text-slate-800">You can turn these off</legend>
          {kinds.map(({ kind }) => (
            <div key={kind} className="flex items-start gap-3">
              <input
                id={`${ID}-${kind}`}
                type="checkbox"
                className="mt-1 size-5"
                checked={enabled.has(kind)}
                onChange={(event) => toggle(kind, event.target.checked)}
                aria-describedby={`${ID}-${kind}-hint`}
              />
              <div>
                <label htmlFor={`${ID}-${kind}`} className="font-medium">
                  {OPTIONAL_KINDS[kind].label}
                </label>
                <p id={`${ID}-${kind}-hint`} className="text-sm text-slate-600">
                  {OPTIONAL_KINDS[kind].hint}
                </p>
              </div>
            </div>
          ))}
        </fieldset>
      ) : null}
      <div>
        <p className="text-sm font-medium text-slate-800">Always sent</p>
        <ul className="mt-1 list-disc pl-5 text-sm text-slate-700">
          {ALWAYS_SENT.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </div>
      <div>
        <label htmlFor={`${ID}-locale`} className="block text-sm font-medium text-slate-800">
          Language of e-mails
        </label>
        <select
          id={`${ID}-locale`}
          value={locale}
          onChange={(event) => setLocale(event.target.value)}
          className="mt-1 block min-h-10 rounded-md border border-slate-300 bg-white px-3"
        >
          {LANGUAGES.map((l) => (
            <option key={l.value} value={l.value}>
              {l.label}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save choices"}
        </Button>
        {kinds.length ? (
          <Button type="button" variant="secondary" disabled={pending} onClick={() => submit(new Set())}>
            Turn off all optional e-mails
          </Button>
        ) : null}
      </div>
    </form>
  );
}
