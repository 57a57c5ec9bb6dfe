/**
 * Latin abbreviations that Uzbek Cyrillic text keeps in Latin letters, as published text writes them
 * (ID-карта, PDF шаклида, SMS-хабар, QR-код); Uzbek ones (JShShIR → ЖШШИР, MChJ → МЧЖ) are written in
 * Cyrillic. The transliterator keeps them and the content and locale checks allow them
 * (docs/script.md, "The decisions").
 */
export const LATIN_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'ID', 'QR', 'IT', 'SMS', 'MMS', 'USSD', 'USB', 'GPS', 'GSM', 'LTE', 'NFC', 'RFID', 'IMEI', 'SIM', 'POS',
  'PDF', 'URL', 'URI', 'HTML', 'HTTP', 'HTTPS', 'XML', 'JSON', 'CSV', 'JPEG', 'JPG', 'PNG', 'GIF', 'UTF',
  'ISO', 'IP', 'API', 'DNS', 'VPN', 'CD', 'DVD', 'IBAN', 'SWIFT', 'BIC', 'OK',
]);

/** True when Uzbek Cyrillic text has Latin letters other than those abbreviations. */
export function hasStrayLatin(cyrillic: string): boolean {
  return /[A-Za-z]/.test(cyrillic.replace(/[A-Za-z]+/g, (word) => (LATIN_ABBREVIATIONS.has(word) ? '' : word)));
}
