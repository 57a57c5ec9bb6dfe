// Writes src/contract/phone-metadata.uz.json: libphonenumber-js's full ("max") metadata for Uzbekistan
// only, 1.5 KB instead of the 145 KB of every country, so the phone check fits the form chunk.
// Run after upgrading libphonenumber-js; src/contract/phone.test.ts fails while the copy is stale.
import { writeFileSync } from 'node:fs';
import { uzPhoneMetadata } from './uz-phone-metadata';

writeFileSync('src/contract/phone-metadata.uz.json', `${JSON.stringify(uzPhoneMetadata())}\n`);
console.log('src/contract/phone-metadata.uz.json written');
