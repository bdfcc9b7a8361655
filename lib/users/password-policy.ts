import type { ZxcvbnFactory, ZxcvbnResult } from "@zxcvbn-ts/core";

// The password policy, the same in the browser and on the server: at least 12 characters, and a
// zxcvbn score of 3 or more ("safely unguessable": about 10^8 guesses and beyond), judged with
// the estimator's common-password, name and word lists plus what the person typed into the form.
// A long passphrase of ordinary words passes; "password1234" and twelve spaces do not.

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
export const PASSWORD_MIN_SCORE = 3;

/** Words for the meter's text: the estimator's score 0-4. */
export const STRENGTH_LABELS = ["very weak", "weak", "fair", "strong", "very strong"] as const;

let estimator: Promise<ZxcvbnFactory> | undefined;

/**
 * The estimator with its dictionaries (about 1.5 MB of word lists), loaded on first use only:
 * dynamic imports keep them out of the first page's JavaScript, and the server loads them once.
 */
export function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= Promise.all([
    import("@zxcvbn-ts/core"),
    import("@zxcvbn-ts/language-common"),
    import("@zxcvbn-ts/language-en"),
  ]).then(
    ([core, common, en]) =>
      new core.ZxcvbnFactory({
        translations: en.translations,
        graphs: common.adjacencyGraphs,
        dictionary: { ...common.dictionary, ...en.dictionary },
        // Levenshtein matching made one check take about 300 ms instead of 5-30 ms; the l33t and
        // dictionary matchers already catch the common passwords and their variants.
        useLevenshteinDistance: false,
      }),
  );
  // A failed load (e.g. a chunk that did not arrive) is tried again next time.
  estimator.catch(() => (estimator = undefined));
  return estimator;
}

export interface PasswordStrength {
  score: ZxcvbnResult["score"];
  label: (typeof STRENGTH_LABELS)[number];
  acceptable: boolean;
  warning: string | null;
  suggestions: string[];
}

/** Parts of the e-mail address and name, which make a password guessable to anyone who knows them. */
export function userInputsOf(values: { email?: unknown; name?: unknown }): string[] {
  const words = [values.email, values.name]
    .filter((v): v is string => typeof v === "string" && v.trim() !== "")
    .flatMap((v) => [v.trim().toLowerCase(), ...v.toLowerCase().split(/[^\p{L}\p{N}]+/u)]);
  return [...new Set(words.filter((w) => w.length >= 3))];
}

/** How strong the password is, with the estimator's advice in plain words. */
export async function estimatePassword(
  password: string,
  userInputs: string[] = [],
): Promise<PasswordStrength> {
  const zxcvbn = await loadEstimator();
  const result = zxcvbn.check(password.slice(0, PASSWORD_MAX_LENGTH), userInputs);
  const long = password.length >= PASSWORD_MIN_LENGTH;
  return {
    score: result.score,
    label: STRENGTH_LABELS[result.score],
    acceptable: long && result.score >= PASSWORD_MIN_SCORE,
    warning: result.feedback.warning || null,
    suggestions: result.feedback.suggestions,
  };
}

/** Why a new password is refused, in one sentence for the form, or null when it is acceptable. */
export async function passwordProblem(password: string, userInputs: string[] = []): Promise<string | null> {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) return null;
  const strength = await estimatePassword(password, userInputs);
  if (strength.acceptable) return null;
  const why = strength.warning ? ` ${strength.warning}` : "";
  return `This password is too easy to guess.${why} Try a passphrase of four or more unrelated words.`;
}
