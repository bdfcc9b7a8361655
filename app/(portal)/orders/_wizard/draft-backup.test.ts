import { describe, expect, it } from "vitest";
import {
  BACKUP_MAX_AGE_MS,
  backupKey,
  clearBackup,
  hasUnsavedAnswers,
  readBackup,
  writeBackup,
  type BackupStorage,
} from "./draft-backup";

/** Web Storage as the browser keeps it: strings under keys, optionally refusing writes. */
function memoryStorage(refuseWrites = false): BackupStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      if (refuseWrites) throw new DOMException("quota exceeded", "QuotaExceededError");
      items.set(key, String(value));
    },
    removeItem: (key) => void items.delete(key),
  };
}

const NOW = Date.UTC(2026, 11, 2, 12);

describe("draft backup", () => {
  it("keeps one backup per order and one for the order not saved yet", () => {
    expect(backupKey("ord1")).not.toBe(backupKey("ord2"));
    expect(backupKey(undefined)).not.toBe(backupKey("ord1"));
  });

  it("reads back exactly what was written", () => {
    const storage = memoryStorage();
    const backup = {
      values: { streetAddress1: "Hauptstr. 1", days: 730, domainNames: ["a.example"] },
      step: "organization",
      at: NOW,
    };
    expect(writeBackup(storage, backupKey("ord1"), backup)).toBe(true);
    expect(readBackup(storage, backupKey("ord1"), NOW + 1000)).toEqual(backup);
    expect(readBackup(storage, backupKey("ord2"), NOW)).toBeNull();
  });

  it("reports a refused write instead of throwing, and works without storage", () => {
    const backup = { values: { a: "b" }, step: "csr", at: NOW };
    expect(writeBackup(memoryStorage(true), "k", backup)).toBe(false);
    expect(writeBackup(undefined, "k", backup)).toBe(false);
    expect(readBackup(undefined, "k")).toBeNull();
  });

  it("drops a broken, foreign-shaped or stale backup", () => {
    const storage = memoryStorage();
    storage.items.set("broken", "{not json");
    storage.items.set("shape", JSON.stringify({ values: [1, 2], step: "csr", at: NOW }));
    storage.items.set("old", JSON.stringify({ values: {}, step: "csr", at: NOW - BACKUP_MAX_AGE_MS - 1 }));
    expect(readBackup(storage, "broken", NOW)).toBeNull();
    expect(readBackup(storage, "shape", NOW)).toBeNull();
    expect(readBackup(storage, "old", NOW)).toBeNull();
    expect(storage.items.has("shape")).toBe(false);
    expect(storage.items.has("old")).toBe(false);
  });

  it("clears a backup", () => {
    const storage = memoryStorage();
    writeBackup(storage, "k", { values: {}, step: "csr", at: NOW });
    clearBackup(storage, "k");
    expect(storage.items.size).toBe(0);
  });

  it("tells answers the server lacks from the ones it has", () => {
    const base = { product: "X", streetAddress1: "", domainNames: ["a.example"], flags: { b: 1, a: 2 } };
    const same = {
      values: { domainNames: ["a.example"], product: "X", flags: { a: 2, b: 1 } },
      step: "csr",
      at: NOW,
    };
    expect(hasUnsavedAnswers(same, base)).toBe(false);
    expect(
      hasUnsavedAnswers({ ...same, values: { ...same.values, streetAddress1: "Hauptstr. 1" } }, base),
    ).toBe(true);
    expect(hasUnsavedAnswers({ ...same, values: { ...same.values, domainNames: ["b.example"] } }, base)).toBe(
      true,
    );
  });
});
