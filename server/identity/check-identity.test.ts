import { describe, expect, it } from 'vitest';
import { checkOneIdIdentity, verifiedIdentityFrom } from './check-identity';
import { IdentityError, type IdentityFailure, type VerifiedIdentity } from './identity-provider';

const NOW = new Date('2026-06-01T12:00:00Z');

/** An answer as community integrations show OneID's, for a made-up person. */
const GOOD = {
  pin: '31507900010013',
  user_id: 'dkarimova',
  sur_name: 'KARIMOVA',
  first_name: 'DILNOZA',
  mid_name: 'RUSTAMOVNA',
  full_name: 'KARIMOVA DILNOZA RUSTAMOVNA',
  birth_date: '1990-07-15',
  birth_place: 'TOSHKENT',
  gd: '2',
  natn: 'UZBEK',
  ctzn: 'UZB',
  per_adr: 'Toshkent sh., Yunusobod t.',
  tin: '',
  email: null,
  mob_phone_no: '998901234567',
  pport_no: 'AA1234567',
  pport_issue_place: 'IIV',
  pport_issue_date: '2016-08-01',
  pport_expr_date: '2026-07-31',
  sess_id: 'c7b0a3f2',
  ret_cd: '0',
  valid: 'true',
  validation_method: ['LOGINPASSMETHOD'],
  auth_method: 'LOGINPASSMETHOD',
  user_type: 'I',
  legal_info: null,
};

const EXPECTED: VerifiedIdentity = {
  pinfl: '31507900010013',
  lastName: 'KARIMOVA',
  firstName: 'DILNOZA',
  middleName: 'RUSTAMOVNA',
  birthDate: '1990-07-15',
  phone: '+998901234567',
  passport: 'AA1234567',
};

describe('checkOneIdIdentity: answers that sign the person in', () => {
  const cases: Array<[string, Record<string, unknown>, Partial<VerifiedIdentity>]> = [
    ['a full answer', {}, {}],
    ['the birth date as DD.MM.YYYY', { birth_date: '15.07.1990' }, {}],
    ['no birth date', { birth_date: undefined }, { birthDate: null }],
    ['an empty birth date', { birth_date: '' }, { birthDate: null }],
    ['names with spaces around them', { sur_name: '  Karimova ', first_name: '\tDilnoza' }, { lastName: 'Karimova', firstName: 'Dilnoza' }],
    ['names with the Uzbek apostrophe', { sur_name: 'Gʻulomov', first_name: 'Oʻtkir', mid_name: 'Anvar oʻgʻli' }, { lastName: 'Gʻulomov', firstName: 'Oʻtkir', middleName: 'Anvar oʻgʻli' }],
    ['no patronymic', { mid_name: undefined }, { middleName: null }],
    ['a blank patronymic', { mid_name: '   ' }, { middleName: null }],
    ['a null patronymic', { mid_name: null }, { middleName: null }],
    ['the phone with a plus and spaces', { mob_phone_no: '+998 90 123-45-67' }, {}],
    ['the phone as a JSON number', { mob_phone_no: 998901234567 }, {}],
    ['a phone that is not Uzbek', { mob_phone_no: '+74951234567' }, { phone: null }],
    ['a phone that is not a number', { mob_phone_no: 'none' }, { phone: null }],
    ['no phone', { mob_phone_no: undefined }, { phone: null }],
    ['a phone of the wrong type', { mob_phone_no: { n: 1 } }, { phone: null }],
    ['the passport in lower case with spaces around', { pport_no: ' aa1234567 ' }, {}],
    ['a passport of the wrong shape', { pport_no: 'A1234567' }, { passport: null }],
    ['a passport with a space inside', { pport_no: 'AA 1234567' }, { passport: null }],
    ['no passport', { pport_no: null }, { passport: null }],
    ['ret_cd as the number 0', { ret_cd: 0 }, {}],
    ['no user_type', { user_type: undefined }, {}],
    ['the PINFL as a JSON number', { pin: 31507900010013 }, {}],
    ['a name of exactly 100 characters', { sur_name: 'A'.repeat(100) }, { lastName: 'A'.repeat(100) }],
    ['a birth date of today', { birth_date: '2026-06-01' }, { birthDate: '2026-06-01' }],
    ['a leap day', { birth_date: '29.02.1992' }, { birthDate: '1992-02-29' }],
  ];
  it.each(cases)('%s', (_label, change, expected) => {
    expect(checkOneIdIdentity({ ...GOOD, ...change }, NOW)).toEqual({ ...EXPECTED, ...expected });
  });
});

describe('checkOneIdIdentity: answers that fail the sign-in', () => {
  const cases: Array<[string, unknown, IdentityFailure, RegExp]> = [
    ['not an object', 'ok', 'identity_malformed', /not a JSON object/],
    ['null', null, 'identity_malformed', /not a JSON object/],
    ['an array', [GOOD], 'identity_malformed', /not a JSON object/],
    ['ret_cd "1"', { ...GOOD, ret_cd: '1' }, 'identity_refused', /ret_cd "1"/],
    ['ret_cd "-5" without a pin', { ...GOOD, ret_cd: '-5', pin: undefined }, 'identity_refused', /ret_cd "-5"/],
    ['no ret_cd', { ...GOOD, ret_cd: undefined }, 'identity_refused', /ret_cd missing/],
    ['ret_cd as an object', { ...GOOD, ret_cd: { code: 0 } }, 'identity_refused', /ret_cd missing/],
    ['a legal entity', { ...GOOD, user_type: 'L' }, 'identity_refused', /legal entity/],
    ['no pin', { ...GOOD, pin: undefined }, 'identity_malformed', /no PINFL/],
    ['an empty pin', { ...GOOD, pin: '' }, 'identity_malformed', /no PINFL/],
    ['a pin of 13 digits', { ...GOOD, pin: '3150790001001' }, 'identity_malformed', /pinfl_format/],
    ['a pin with a wrong check digit', { ...GOOD, pin: '31507900010014' }, 'identity_malformed', /pinfl_checksum/],
    ['a pin with an impossible date', { ...GOOD, pin: '33213900010013' }, 'identity_malformed', /pinfl_date/],
    ['a pin as a list', { ...GOOD, pin: ['31507900010013'] }, 'identity_malformed', /neither a string/],
    ['no surname', { ...GOOD, sur_name: undefined }, 'identity_malformed', /no last name/],
    ['a blank first name', { ...GOOD, first_name: '  ' }, 'identity_malformed', /no first name/],
    ['a first name that is a number', { ...GOOD, first_name: 42 }, 'identity_malformed', /first name is not a string/],
    ['a name of 101 characters', { ...GOOD, sur_name: 'A'.repeat(101) }, 'identity_malformed', /longer than 100/],
    ['a name with a newline', { ...GOOD, first_name: 'Dil\nnoza' }, 'identity_malformed', /control characters/],
    ['a name with a NUL', { ...GOOD, sur_name: 'Karimova\u0000' }, 'identity_malformed', /control characters/],
    ['a name with a right-to-left override', { ...GOOD, sur_name: 'Kari\u202Emova' }, 'identity_malformed', /control characters/],
    ['a patronymic with a control character', { ...GOOD, mid_name: 'Rustam\u0007ovna' }, 'identity_malformed', /middle name contains control/],
    ['a birth date that does not exist', { ...GOOD, birth_date: '31.02.1990' }, 'identity_malformed', /not a real date/],
    ['a birth date in the future', { ...GOOD, birth_date: '2026-06-02' }, 'identity_malformed', /future/],
    ['a birth date in another format', { ...GOOD, birth_date: '07/15/1990' }, 'identity_malformed', /neither YYYY-MM-DD/],
    ['a birth date with a time', { ...GOOD, birth_date: '1990-07-15T00:00:00Z' }, 'identity_malformed', /neither YYYY-MM-DD/],
    ['a birth date as a number', { ...GOOD, birth_date: 19900715 }, 'identity_malformed', /not a string/],
  ];
  it.each(cases)('%s', (_label, answer, code, message) => {
    let caught: unknown;
    try {
      checkOneIdIdentity(answer, NOW);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(IdentityError);
    expect((caught as IdentityError).code).toBe(code);
    expect((caught as IdentityError).message).toMatch(message);
  });
});

describe('verifiedIdentityFrom', () => {
  it('checks fields named by another provider the same way', () => {
    const fields = { pinfl: '31507900010013', lastName: 'Karimova', firstName: 'Dilnoza', middleName: undefined, birthDate: '1990-07-15', phone: '+998901234567', passport: undefined };
    expect(verifiedIdentityFrom(fields, NOW)).toEqual({ ...EXPECTED, lastName: 'Karimova', firstName: 'Dilnoza', middleName: null, passport: null });
    expect(() => verifiedIdentityFrom({ ...fields, pinfl: '31507900010014' }, NOW)).toThrow(/pinfl_checksum/);
  });

  it('judges the future by the real clock when given none', () => {
    const nextYear = `${new Date().getUTCFullYear() + 1}-01-01`;
    expect(() => checkOneIdIdentity({ ...GOOD, birth_date: nextYear })).toThrow(/future/);
  });
});
