import { checkPinfl } from '../../src/contract/pinfl';
import { normalizeUzPhone } from '../../src/contract/phone';
import { IdentityError, type VerifiedIdentity } from './identity-provider';

/** Longer than any name on an Uzbek passport, short enough that a forged answer cannot flood a page or a row. */
export const NAME_MAX_CHARS = 100;
/** Uzbek passport (and ID card) series and number: two letters, seven digits. */
const PASSPORT = /^[A-Z]{2}\d{7}$/;
/**
 * Control characters, line and paragraph separators, and the bidirectional overrides and isolates:
 * none belongs in a name, and the overrides could make a name read differently in the back office
 * than it is stored.
 */
const UNPRINTABLE = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** How OneID's neighbours in the state systems write dates; OneID's own format is not documented. */
const DOTTED_DATE = /^(\d{2})\.(\d{2})\.(\d{4})$/;
/** Longer than any real phone number however it is written; anything longer is not worth parsing. */
const PHONE_MAX_CHARS = 32;

/**
 * The fields of a person as a provider gave them, before any check: each may be anything,
 * since the answer came over the network. Absent fields are undefined or null.
 */
export interface IdentityFields {
  pinfl: unknown;
  lastName: unknown;
  firstName: unknown;
  middleName: unknown;
  birthDate: unknown;
  phone: unknown;
  passport: unknown;
}

const malformed = (message: string) => new IdentityError('identity_malformed', message);

/**
 * The checks every provider's answer goes through, whatever it calls its fields (OneID's
 * sur_name, OpenID Connect's family_name): the PINFL and the names must check out or the
 * sign-in fails; a birth date that is present must be a real one; a phone or passport that
 * does not check out is dropped (null), since the person can still type them into a form.
 */
export function verifiedIdentityFrom(fields: IdentityFields, now: Date = new Date()): VerifiedIdentity {
  return {
    pinfl: checkedPinfl(fields.pinfl),
    lastName: checkedName(fields.lastName, 'last name') ?? missing('last name'),
    firstName: checkedName(fields.firstName, 'first name') ?? missing('first name'),
    middleName: checkedName(fields.middleName, 'middle name'),
    birthDate: checkedBirthDate(fields.birthDate, now),
    phone: checkedPhone(fields.phone),
    passport: checkedPassport(fields.passport),
  };
}

function missing(what: string): never {
  throw malformed(`The identity has no ${what}.`);
}

function checkedPinfl(raw: unknown): string {
  if (raw === undefined || raw === null || raw === '') throw malformed('The identity has no PINFL: the sign-in did not identify a person.');
  // Fourteen digits starting 1-6 fit a JSON number exactly, so a provider sending one loses nothing.
  const text = typeof raw === 'number' && Number.isSafeInteger(raw) ? String(raw) : raw;
  if (typeof text !== 'string') throw malformed('The identity\'s PINFL is neither a string nor a whole number.');
  const pinfl = text.trim();
  // A check digit that does not match is only a warning on a form someone typed; a provider that
  // vouches for a person has no excuse for one.
  const problem = checkPinfl(pinfl);
  if (problem !== null) throw malformed(`The identity's PINFL does not check out (${problem}).`);
  return pinfl;
}

/** A trimmed name, or null when absent or empty (the caller decides whether that is allowed). */
function checkedName(raw: unknown, what: string): string | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'string') throw malformed(`The identity's ${what} is not a string.`);
  const name = raw.trim();
  if (name === '') return null;
  if ([...name].length > NAME_MAX_CHARS) throw malformed(`The identity's ${what} is longer than ${NAME_MAX_CHARS} characters.`);
  if (UNPRINTABLE.test(name)) throw malformed(`The identity's ${what} contains control characters.`);
  return name;
}

/** YYYY-MM-DD from YYYY-MM-DD or DD.MM.YYYY; a date that is not real, or is in the future, fails the sign-in. */
function checkedBirthDate(raw: unknown, now: Date): string | null {
  if (raw === undefined || raw === null || raw === '') return null;
  if (typeof raw !== 'string') throw malformed('The identity\'s birth date is not a string.');
  const text = raw.trim();
  const iso = ISO_DATE.exec(text);
  const dotted = DOTTED_DATE.exec(text);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : dotted ? [dotted[3], dotted[2], dotted[1]] : [];
  if (year === undefined || month === undefined || day === undefined) throw malformed('The identity\'s birth date is in neither YYYY-MM-DD nor DD.MM.YYYY.');
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const real = date.getUTCFullYear() === Number(year) && date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
  if (!real) throw malformed(`The identity's birth date ${year}-${month}-${day} is not a real date.`);
  if (date.getTime() > now.getTime()) throw malformed('The identity\'s birth date is in the future.');
  return `${year}-${month}-${day}`;
}

/** E.164, or null: a phone that is not a valid Uzbek number is left for the person to type. */
function checkedPhone(raw: unknown): string | null {
  // Some answers may carry the number as a JSON number (998901234567 fits in a double exactly).
  const text = typeof raw === 'number' && Number.isSafeInteger(raw) ? String(raw) : raw;
  if (typeof text !== 'string' || text.length > PHONE_MAX_CHARS) return null;
  return normalizeUzPhone(text);
}

function checkedPassport(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const passport = raw.trim().toUpperCase();
  return PASSPORT.test(passport) ? passport : null;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * OneID's identify answer (grant_type=one_access_token_identify) as a verified person. The answer
 * is plain JSON, not a signed token, so it is only as good as the TLS connection it came over, and
 * every field is checked as untrusted input.
 */
export function checkOneIdIdentity(raw: unknown, now: Date = new Date()): VerifiedIdentity {
  if (!isRecord(raw)) throw malformed('OneID\'s identity answer is not a JSON object.');
  // ret_cd is OneID's own verdict on the sign-in; anything but "0" means it did not identify the person.
  const retCd = raw['ret_cd'];
  if (retCd !== '0' && retCd !== 0) {
    const shown = typeof retCd === 'string' || typeof retCd === 'number' ? JSON.stringify(String(retCd).slice(0, 20)) : 'missing';
    throw new IdentityError('identity_refused', `OneID did not identify the person: ret_cd ${shown}.`);
  }
  // "L" is a legal entity's account: a company cannot apply as a citizen.
  if (raw['user_type'] === 'L') throw new IdentityError('identity_refused', 'OneID signed in a legal entity (user_type "L"), not a citizen.');
  return verifiedIdentityFrom({
    pinfl: raw['pin'],
    lastName: raw['sur_name'],
    firstName: raw['first_name'],
    middleName: raw['mid_name'],
    birthDate: raw['birth_date'],
    phone: raw['mob_phone_no'],
    passport: raw['pport_no'],
  }, now);
}
