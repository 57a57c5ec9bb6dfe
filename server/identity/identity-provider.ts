/**
 * The server's side of a citizen's sign-in, whichever provider vouches for the person: OneID, the
 * state's single sign-on, with its own OAuth 2.0 variant (oneid-provider.ts), a standard OpenID
 * Connect provider (oidc-provider.ts), or the stand-in OneID of local runs and tests
 * (stand-in-oneid.ts). The routes (routes/identity-routes.ts) know only this interface; which
 * provider is used is a setting (identity-settings.ts). docs/security.md, "Citizens", has the flow.
 */
import type { CitizenProfile } from '../../src/contract/index';

/**
 * The person as the provider vouched for them, every field checked (check-identity.ts): what the
 * phone is told (CitizenProfile, its PINFL checked as src/contract/pinfl.ts checks it, the birth date
 * as YYYY-MM-DD, the phone as E.164, each null when the provider gave none or one that does not
 * check out), and the passport series and number (AA1234567), which the server keeps.
 */
export interface VerifiedIdentity extends CitizenProfile {
  passport: string | null;
}

/** What the server keeps between sending the browser to the provider and its return. */
export interface SignInStart {
  /** Where the browser goes: absolute, or a path on this server for the stand-in. */
  url: string;
  /** Opaque to the routes (a PKCE verifier, a nonce): stored with the pending sign-in, given back to finish. */
  carry: string;
}

export interface IdentityProvider {
  /** "oneid", "oidc" or "stand-in-oneid": stored with each sign-in, shown in the back office. */
  readonly name: string;
  /** True for the stand-in: the app and the README say so wherever it shows. */
  readonly standIn: boolean;
  /** The provider's address for the browser, with `state` (made by the routes) and our callback. */
  begin(input: { state: string; redirectUri: string }): Promise<SignInStart>;
  /**
   * From the browser's return to the verified person. Throws IdentityError when the provider
   * refuses, is unreachable, or answers with anything that does not check out.
   */
  finish(input: { callbackUrl: URL; state: string; redirectUri: string; carry: string }): Promise<VerifiedIdentity>;
}

/** Why a sign-in failed, as the phone is told (its message in the person's language comes from the code). */
export type IdentityFailure =
  /** The person cancelled at the provider, or it sent an error back to the callback. */
  | 'identity_cancelled'
  /** The code was refused: used before, expired, or not this client's. */
  | 'identity_code_refused'
  /** The provider did not answer, or answered with something other than its protocol. */
  | 'identity_provider_unreachable'
  /** The provider answered but said the person is not identified (OneID's ret_cd other than "0"). */
  | 'identity_refused'
  /** The identity came back without a PINFL, or with fields that do not check out. */
  | 'identity_malformed';

export class IdentityError extends Error {
  constructor(readonly code: IdentityFailure, message: string) {
    super(message);
    this.name = 'IdentityError';
  }
}
