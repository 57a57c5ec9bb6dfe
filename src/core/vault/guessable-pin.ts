/** The earliest birth year a PIN is checked for: older people are few among the phone's users. */
const EARLIEST_YEAR = 1930;

/**
 * Whether a PIN is one of those tried first by whoever picks up a lost phone: one digit repeated
 * (111111), a run up or down (123456, 654321, 890123), a short pattern repeated (121212, 123123), or
 * a year of birth at either end (199001, 011990). The PIN guards a shared phone's drafts and residents
 * offline, where five wrong tries are all anyone gets, so the first guesses must miss.
 */
export function isGuessablePin(pin: string, now = new Date()): boolean {
  const digits = [...pin].map(Number);
  const step = (digits[1]! - digits[0]! + 10) % 10;
  const run = (step === 0 || step === 1 || step === 9) && digits.every((d, i) => i === 0 || (d - digits[i - 1]! + 10) % 10 === step);
  if (run) return true;
  for (const length of [2, 3]) {
    if (pin.length % length === 0 && pin === pin.slice(0, length).repeat(pin.length / length)) return true;
  }
  const year = (text: string) => Number(text) >= EARLIEST_YEAR && Number(text) <= now.getFullYear();
  return pin.length >= 6 && (year(pin.slice(0, 4)) || year(pin.slice(-4)));
}
