import { timingSafeEqual } from 'node:crypto';
import { IdentityError } from './identity-provider';

/** Longer than any authorization code a provider is seen to issue; a longer one is not worth sending back. */
export const CODE_MAX_CHARS = 1024;

/**
 * The authorization code from the browser's return, after the checks every provider's callback
 * needs: an error the provider sent back (the person cancelled), the state this sign-in sent
 * (else the return belongs to another sign-in, or is forged), and a code at all. `provider` names
 * it in the messages.
 */
export function codeFromCallback(callbackUrl: URL, state: string, provider: string): string {
  const params = callbackUrl.searchParams;
  // The error is looked at before the state: a provider may leave the state off when the person cancels.
  const error = params.get('error');
  if (error !== null) throw new IdentityError('identity_cancelled', `${provider} sent back error ${JSON.stringify(error.slice(0, 100))}.`);
  if (state === '' || !sameText(params.get('state') ?? '', state)) {
    throw new IdentityError('identity_code_refused', 'The state in the callback is not the one this sign-in sent.');
  }
  const code = params.get('code');
  if (code === null || code === '') throw new IdentityError('identity_cancelled', `${provider} came back without a code.`);
  if (code.length > CODE_MAX_CHARS) throw new IdentityError('identity_code_refused', `The code in the callback is too long to be ${provider}'s.`);
  return code;
}

/** Compares without telling, through timing, how much of the expected state a forged one got right. */
function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
