"use client";

import { useEffect, useState } from "react";
import { estimatePassword, type PasswordStrength } from "@/lib/users/password-policy";

const BAR = ["bg-red-600", "bg-red-600", "bg-amber-500", "bg-green-600", "bg-green-700"];

/**
 * How strong the password being typed is, in words (the bar only repeats it), with the
 * estimator's advice. The text sits in a polite live region and is updated after a pause in
 * typing, so a screen reader reads it once rather than on every key. The estimator and its
 * dictionaries load with the first character typed, not with the page.
 */
export function PasswordStrengthMeter({
  id,
  password,
  userInputs,
}: {
  id: string;
  password: string;
  userInputs: string[];
}) {
  const [strength, setStrength] = useState<PasswordStrength | null>(null);
  const inputsKey = userInputs.join("\n");

  useEffect(() => {
    if (!password) return;
    let current = true;
    const timer = setTimeout(() => {
      estimatePassword(password, inputsKey ? inputsKey.split("\n") : [])
        .then((result) => current && setStrength(result))
        .catch(() => current && setStrength(null));
    }, 400);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [password, inputsKey]);
  // An emptied field shows nothing, without waiting for an estimate.
  const shown = password ? strength : null;

  return (
    <div id={id} aria-live="polite" aria-atomic="true" className="mt-1 min-h-5 text-sm">
      {shown ? (
        <>
          <div aria-hidden="true" className="mb-1 flex gap-1">
            {[1, 2, 3, 4].map((step) => (
              <span
                key={step}
                className={`h-1.5 flex-1 rounded ${shown.score >= step ? BAR[shown.score] : "bg-slate-200"}`}
              />
            ))}
          </div>
          <p className="text-slate-800">
            Password strength: <strong>{shown.label}</strong>
            {shown.acceptable ? "." : " — not accepted yet."}
          </p>
          {shown.warning || (!shown.acceptable && shown.suggestions.length) ? (
            <ul className="mt-0.5 list-disc pl-5 text-xs text-slate-700">
              {shown.warning ? <li>{shown.warning}</li> : null}
              {shown.acceptable ? null : shown.suggestions.map((s) => <li key={s}>{s}</li>)}
            </ul>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
