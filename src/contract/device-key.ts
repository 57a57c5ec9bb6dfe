/**
 * The header that carries this phone's secret device key. The server keeps only its hash beside
 * each application and answers status questions only to the phone that holds the key, so an
 * application id alone tells nobody anything (operators sign in besides: README.md, "Operators").
 */
export const DEVICE_KEY_HEADER = 'x-xizmat-device-key';

const DEVICE_KEY = /^[0-9a-f]{64}$/;

/** 32 random bytes in lower-case hex. */
export function isDeviceKey(value: unknown): value is string {
  return typeof value === 'string' && DEVICE_KEY.test(value);
}
