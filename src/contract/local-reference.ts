/** Crockford's base32: no I, L, O or U, so a reference read aloud over a counter is not misheard. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Random bits of the id shown: 40 bits, eight characters; one phone never sees two alike. */
const REFERENCE_CHARS = 8;

/**
 * The short reference a person can name before the application has reached the server, made from
 * the random tail of its UUIDv7 id, e.g. "7KQ3-M9XD". The server derives the same one, so an official
 * finds the application by it once it arrives.
 */
export function localReference(id: string): string {
  const hex = id.replaceAll('-', '').slice(-10);
  let bits = BigInt(`0x${hex}`);
  let out = '';
  for (let i = 0; i < REFERENCE_CHARS; i++) {
    out = ALPHABET[Number(bits & 31n)] + out;
    bits >>= 5n;
  }
  return `${out.slice(0, 4)}-${out.slice(4)}`;
}

const REFERENCE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** Reads a reference as typed by an official: any case, with or without the hyphen, O for 0, I or L for 1. */
export function parseLocalReference(text: string): string | null {
  const cleaned = text.trim().toUpperCase().replaceAll(/[\s-]/g, '').replaceAll('O', '0').replaceAll(/[IL]/g, '1');
  if (cleaned.length !== REFERENCE_CHARS) return null;
  const formatted = `${cleaned.slice(0, 4)}-${cleaned.slice(4)}`;
  return REFERENCE.test(formatted) ? formatted : null;
}
