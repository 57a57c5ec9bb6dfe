import type { VerifiedIdentity } from './identity-provider';

/**
 * A made-up person the stand-in OneID can sign in. The VerifiedIdentity part is exactly what a
 * sign-in as them must give the server, so tests compare against it directly; the rest is what
 * OneID also sends and the server does not keep.
 */
export interface StandInCitizen extends VerifiedIdentity {
  /** OneID's login name (user_id). */
  userId: string;
  /** OneID's gd: "1" male, "2" female. */
  gender: '1' | '2';
  /** YYYY-MM-DD; null with no passport. */
  passportIssueDate: string | null;
  passportExpiryDate: string | null;
}

/**
 * The stand-in's test citizens, invented: the PINFLs pass every check in src/contract/pinfl.ts
 * (their check digits computed with its algorithm) and agree with the birth dates, and the phones
 * are valid Uzbek mobile numbers. Between them they cover what a sign-in must carry through: the
 * Uzbek modifier letter ʻ (U+02BB) in oʻ and gʻ, a patronymic of the "oʻgʻli" form, none at all,
 * and a person OneID knows no phone for.
 */
export const STAND_IN_CITIZENS: readonly StandInCitizen[] = [
  {
    pinfl: '31507900010013',
    lastName: 'Karimova',
    firstName: 'Dilnoza',
    middleName: 'Rustamovna',
    birthDate: '1990-07-15',
    phone: '+998901234567',
    passport: 'AA1234567',
    userId: 'dilnoza.karimova',
    gender: '2',
    passportIssueDate: '2016-08-01',
    passportExpiryDate: '2026-07-31',
  },
  {
    pinfl: '30203850260047',
    lastName: 'Gʻulomov',
    firstName: 'Oʻtkir',
    middleName: 'Baxtiyorovich',
    birthDate: '1985-03-02',
    phone: '+998935550102',
    passport: 'AB7654321',
    userId: 'otkir.gulomov',
    gender: '1',
    passportIssueDate: '2019-04-10',
    passportExpiryDate: '2029-04-09',
  },
  {
    pinfl: '61105010140038',
    lastName: 'Toshmatova',
    firstName: 'Nodira',
    middleName: null,
    birthDate: '2001-05-11',
    phone: '+998971112233',
    passport: 'AD0012345',
    userId: 'nodira.toshmatova',
    gender: '2',
    passportIssueDate: '2021-09-15',
    passportExpiryDate: '2031-09-14',
  },
  {
    pinfl: '32811980300027',
    lastName: 'Ergashev',
    firstName: 'Shoxrux',
    middleName: 'Anvar oʻgʻli',
    birthDate: '1998-11-28',
    phone: null,
    passport: 'AC5550001',
    userId: 'shoxrux.ergashev',
    gender: '1',
    passportIssueDate: '2018-02-20',
    passportExpiryDate: '2028-02-19',
  },
];
