import { parsePhoneNumberFromString, type MetadataJson } from 'libphonenumber-js/core';
import metadata from './phone-metadata.uz.json';

/** The legacy trunk prefix: "8 90 123 45 67" is how many people still write a mobile number. */
const LEGACY_TRUNK = /^8(\d{9})$/;

/**
 * Normalises an Uzbek phone number typed any common way (+998 90 123-45-67, 998901234567,
 * 901234567, the legacy trunk 8 90 123 45 67) to E.164, or returns null when it is not one.
 * libphonenumber-js decides which prefixes exist, with its Uzbek metadata only
 * (scripts/build-phone-metadata.ts), so the check stays small enough for the form chunk.
 */
export function normalizeUzPhone(raw: string): string | null {
  const compact = raw.replace(/[\s\-().]/g, '');
  if (!/^\+?\d+$/.test(compact)) return null;
  let text = compact.replace(LEGACY_TRUNK, '$1');
  if (/^998\d{9}$/.test(text)) text = `+${text}`;
  const phone = parsePhoneNumberFromString(text, 'UZ', metadata as unknown as MetadataJson);
  return phone && phone.country === 'UZ' && phone.isValid() ? phone.number : null;
}
