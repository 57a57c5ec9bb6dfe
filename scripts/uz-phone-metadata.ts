import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The installed libphonenumber-js "max" metadata cut down to +998. */
export function uzPhoneMetadata(): unknown {
  const max = require('libphonenumber-js/metadata.max.json') as { version: number; countries: Record<string, unknown> };
  return { version: max.version, country_calling_codes: { '998': ['UZ'] }, countries: { UZ: max.countries.UZ } };
}
