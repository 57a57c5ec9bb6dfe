import metadata from './phone-metadata.uz.json' with { type: 'json' };

/** The legacy trunk prefix: "8 90 123 45 67" is how many people still write a mobile number. */
const LEGACY_TRUNK = /^8(\d{9})$/;

/**
 * libphonenumber-js's metadata for Uzbekistan (scripts/build-phone-metadata.ts): the national number
 * pattern at index 2 and, at index 11, the patterns of each number type (fixed line, mobile) it knows.
 * Only the data is shipped: the library's code is 38 KB, more than the rest of the form engine, and
 * all it would do here is the two matches below. phone.test.ts checks we agree with the library.
 */
let patterns: { national: RegExp; types: RegExp[] } | null = null;

/** Built on first use, so that importing the contract costs nothing at first paint. */
function uzPatterns(): { national: RegExp; types: RegExp[] } {
  if (patterns) return patterns;
  const uz = metadata.countries.UZ as unknown as unknown[];
  patterns = {
    national: new RegExp(`^(?:${String(uz[2])})$`),
    types: (uz[11] as Array<[string, ...unknown[]]>).map(([pattern]) => new RegExp(`^(?:${pattern})$`)),
  };
  return patterns;
}

/**
 * Normalises an Uzbek phone number typed any common way (+998 90 123-45-67, 998901234567,
 * 901234567, the legacy trunk 8 90 123 45 67) to E.164, or returns null when it is not a number
 * libphonenumber-js's data calls a valid fixed-line or mobile number of Uzbekistan.
 */
export function normalizeUzPhone(raw: string): string | null {
  const compact = raw.replace(/[\s\-().]/g, '');
  if (!/^\+?\d+$/.test(compact)) return null;
  const national = compact.replace(/^\+?998(\d{9})$/, '$1').replace(LEGACY_TRUNK, '$1');
  const { national: valid, types } = uzPatterns();
  if (!valid.test(national) || !types.some((type) => type.test(national))) return null;
  return `+998${national}`;
}
