// Crockford's base32 without I, L, O, U: unambiguous when read aloud or typed from a printout.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * A new external order number (sent to Sectigo as foreignOrderNumber), e.g. `EQ-7K4M-9P2X`.
 * 40 random bits: collisions are caught by the unique index and the caller draws again.
 */
export function newExternalOrderNumber(): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  const chars = Array.from(bytes, (b) => ALPHABET[b & 31]).join("");
  return `EQ-${chars.slice(0, 4)}-${chars.slice(4, 8)}`;
}

export const EXTERNAL_ORDER_NUMBER_PATTERN = /^EQ-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
