// A copy of the wizard's answers in the browser's storage until the server has them, so that
// nothing typed is lost when a save fails, the tab is reloaded or the portal restarts. It holds
// only the order's own fields (never the generated private key, which is not a form value) and
// is removed as soon as a save succeeds.

// Any answers object: the backup neither knows nor checks the order's fields (the wizard parses
// what it reads back, see form-values.ts).
type Values = object;

/** The part of the Web Storage interface the backup uses (localStorage in the browser). */
export interface BackupStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface DraftBackup {
  values: Values;
  step: string;
  /** Milliseconds since the epoch when the backup was written. */
  at: number;
}

const PREFIX = "eidas-portal:order-draft:";

/** A backup older than this is stale: the customer has long moved on. */
export const BACKUP_MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000;

/** The storage key of one order's backup; a new order (no draft yet) has one of its own. */
export function backupKey(orderId: string | undefined): string {
  return `${PREFIX}${orderId ?? "new"}`;
}

/** Writes the backup; false when the browser refused (storage full or disabled). */
export function writeBackup(storage: BackupStorage | undefined, key: string, backup: DraftBackup): boolean {
  if (!storage) return false;
  try {
    storage.setItem(key, JSON.stringify(backup));
    return true;
  } catch {
    return false;
  }
}

/** The backup under `key`, or null when there is none, it is unreadable or stale. */
export function readBackup(
  storage: BackupStorage | undefined,
  key: string,
  now = Date.now(),
): DraftBackup | null {
  if (!storage) return null;
  let parsed: unknown;
  try {
    const text = storage.getItem(key);
    if (!text) return null;
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isBackup(parsed) || now - parsed.at > BACKUP_MAX_AGE_MS || parsed.at > now + 60_000) {
    clearBackup(storage, key);
    return null;
  }
  return parsed;
}

export function clearBackup(storage: BackupStorage | undefined, key: string): void {
  try {
    storage?.removeItem(key);
  } catch {
    // storage disabled: there is nothing to clear
  }
}

/** Whether the backup holds answers the server does not have (`base` is what it has). */
export function hasUnsavedAnswers(backup: DraftBackup, base: Values): boolean {
  const saved = new Map<string, unknown>(Object.entries(backup.values));
  const server = new Map<string, unknown>(Object.entries(base));
  for (const key of new Set([...saved.keys(), ...server.keys()])) {
    if (stable(normalize(saved.get(key))) !== stable(normalize(server.get(key)))) return true;
  }
  return false;
}

// An empty text field and a field never touched are the same answer.
function normalize(value: unknown): unknown {
  return value === "" || value === null ? undefined : value;
}

function stable(value: unknown): string {
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return `[${value.map(stable).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function isBackup(value: unknown): value is DraftBackup {
  if (!value || typeof value !== "object") return false;
  const candidate = value as Partial<DraftBackup>;
  return (
    typeof candidate.step === "string" &&
    typeof candidate.at === "number" &&
    Number.isFinite(candidate.at) &&
    !!candidate.values &&
    typeof candidate.values === "object" &&
    !Array.isArray(candidate.values)
  );
}
