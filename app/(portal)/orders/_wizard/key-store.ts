"use client";

// Private keys generated in the browser are kept in this browser's IndexedDB, one per order,
// until the customer removes it from the order page: a key that exists only in a tab is lost on
// Back or reload, and a paid certificate without its key is useless. The server never sees any of
// this. Until the customer has saved a copy the stored CryptoKey stays extractable, because a
// reload must still be able to offer the download; once saved it is replaced by a non-extractable
// copy, so nothing running in the page can read the key out of the browser any more. A key saved
// as a password-protected file keeps that file beside it, from which the order page builds the
// PKCS#12 file with the customer's password.

export type KeySavedHow = "protected-file" | "confirmed";

export interface StoredKey {
  orderId: string;
  /** The CSR made with this key, as PEM. */
  csrPem: string;
  privateKey: CryptoKey;
  createdAt: string;
  /** When the unprotected PEM was downloaded (the customer must still confirm storing it). */
  downloadedAt?: string;
  saved?: {
    how: KeySavedHow;
    fileName: string;
    at: string;
    /**
     * The password-protected file the customer saved (PBES2, see lib/csr/pkcs8.ts), kept so that
     * the order page can build a PKCS#12 file here with that password alone. Encrypted, it is
     * no easier to take from this browser than the non-extractable key.
     */
    protectedPem?: string;
  };
}

export const PROTECTED_FILE_NAME = "private-key-protected.pem";
export const PLAIN_FILE_NAME = "private-key.pem";

export const KEY_NOT_SAVED_MESSAGE =
  "Save your private key before you leave this step: download it protected with a password, or download it and confirm that you have stored it. Without the key the certificate cannot be used, and no one can recover it.";

const DB_NAME = "eidas-portal";
const STORE = "private-keys";

// Also kept in memory: the guard must hold in the same tab even where IndexedDB is unavailable
// (some private windows), and reads after a write must not wait for a transaction.
const memory = new Map<string, StoredKey>();
const listeners = new Set<() => void>();

/** The order the wizard is editing, from its address (/orders/{id}/edit). */
export function currentOrderId(): string {
  if (typeof window === "undefined") return "new";
  return /^\/orders\/([^/?#]+)\/edit/.exec(window.location.pathname)?.[1] ?? "new";
}

/** A CSR's identity: its base64 body without armour or line breaks. */
export function csrBody(text: unknown): string {
  return typeof text === "string" ? text.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "") : "";
}

export function sameCsr(a: unknown, b: unknown): boolean {
  const body = csrBody(a);
  return body !== "" && body === csrBody(b);
}

function openDb(): Promise<IDBDatabase | null> {
  if (typeof indexedDB === "undefined") return Promise.resolve(null);
  return new Promise((resolve) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "orderId" });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => resolve(null);
    request.onblocked = () => resolve(null);
  });
}

async function withStore<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>) {
  const db = await openDb();
  if (!db) return undefined;
  try {
    return await new Promise<T | undefined>((resolve) => {
      const request = run(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => resolve(undefined);
    });
  } finally {
    db.close();
  }
}

async function put(record: StoredKey): Promise<void> {
  memory.set(record.orderId, record);
  await withStore("readwrite", (store) => store.put(record));
  for (const listener of listeners) listener();
}

/** The key kept for an order, if this browser has one. */
export async function getStoredKey(orderId: string): Promise<StoredKey | undefined> {
  const cached = memory.get(orderId);
  if (cached) return cached;
  const stored = await withStore<StoredKey>("readonly", (store) => store.get(orderId));
  if (stored) memory.set(orderId, stored);
  return stored;
}

/** Calls back whenever a stored key changes; returns the unsubscribe function. */
export function onStoredKeyChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Keeps a freshly generated key for the order; it replaces an earlier one of the same order. */
export async function keepGeneratedKey(
  orderId: string,
  csrPem: string,
  privateKey: CryptoKey,
): Promise<void> {
  await put({ orderId, csrPem, privateKey, createdAt: new Date().toISOString() });
}

export async function markKeyDownloaded(orderId: string): Promise<void> {
  const record = await getStoredKey(orderId);
  if (record && !record.downloadedAt) await put({ ...record, downloadedAt: new Date().toISOString() });
}

/** Records that the customer holds a copy, and locks the browser's copy (non-extractable). */
export async function markKeySaved(
  orderId: string,
  how: KeySavedHow,
  fileName: string,
  protectedPem?: string,
): Promise<void> {
  const record = await getStoredKey(orderId);
  if (!record) return;
  let privateKey = record.privateKey;
  if (privateKey.extractable) {
    const subtle = globalThis.crypto.subtle;
    const pkcs8 = await subtle.exportKey("pkcs8", privateKey);
    privateKey = await subtle.importKey("pkcs8", pkcs8, privateKey.algorithm, false, privateKey.usages);
  }
  await put({ ...record, privateKey, saved: { how, fileName, at: new Date().toISOString(), protectedPem } });
}

/** Removes the order's key from this browser (the customer keeps their saved file). */
export async function forgetKey(orderId: string): Promise<void> {
  memory.delete(orderId);
  await withStore("readwrite", (store) => store.delete(orderId));
  for (const listener of listeners) listener();
}

/**
 * Why the CSR step may not be left with this CSR: its key was generated here and no copy has
 * been saved yet. Undefined when it may (a pasted CSR, or a saved key).
 */
export async function keyGuardMessage(csr: unknown, orderId = currentOrderId()): Promise<string | undefined> {
  const record = await getStoredKey(orderId);
  return record && !record.saved && sameCsr(record.csrPem, csr) ? KEY_NOT_SAVED_MESSAGE : undefined;
}
