import { useState } from 'preact/hooks';
import type { CitizenSession } from '../../contract/index';
import { formatDate } from '../../core/format/format-date';
import { loadCitizen } from '../../services/load-citizen';
import type { SignOutOutcome } from '../../services/citizen-store';
import { useOnline } from '../use-online';
import { useT } from '../use-t';
import { CitizenPhones } from './citizen-phones';

/** A PINFL in groups of four, as on the card, so it reads back digit by digit. */
export function groupPinfl(pinfl: string): string {
  return pinfl.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** A YYYY-MM-DD date as a calendar date here (not midnight UTC, which is the day before west of it). */
function calendarDate(value: string): Date {
  const [year, month, day] = value.split('-').map(Number);
  return new Date(year!, month! - 1, day!);
}

/** Who this phone is signed in as with OneID: their name, PINFL, birth date and provider; sign out; their phones. */
export function CitizenCard({ session, standIn }: { session: CitizenSession; standIn: boolean }) {
  const { t, locale } = useT();
  const online = useOnline();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<SignOutOutcome | null>(null);
  const { citizen } = session;
  const name = [citizen.lastName, citizen.firstName, citizen.middleName].filter(Boolean).join(' ');
  // The provider by what the person knows it as; the stand-in says plainly that it is not the real one.
  const provider = session.standIn ? t('session:citizen.standIn') : t('session:citizen.oneid');
  const signOut = async () => {
    setBusy(true);
    setOutcome(await (await loadCitizen()).citizenSignOut().catch((): SignOutOutcome => 'server'));
    setBusy(false);
  };
  return (
    <section class="card citizen" aria-labelledby="citizen-title" data-testid="citizen-session">
      <h2 id="citizen-title">{t('session:citizen.signedInTitle')}</h2>
      {standIn || session.standIn ? <p class="banner" data-testid="citizen-stand-in">{t('session:citizen.standIn')}</p> : null}
      <dl>
        <dt>{t('session:citizen.name')}</dt>
        <dd>{name}</dd>
        <dt>{t('session:citizen.pinfl')}</dt>
        <dd data-testid="citizen-pinfl">{groupPinfl(citizen.pinfl)}</dd>
        {citizen.birthDate ? <><dt>{t('session:citizen.birthDate')}</dt><dd>{formatDate(calendarDate(citizen.birthDate), locale)}</dd></> : null}
        <dt>{t('session:citizen.provider')}</dt>
        <dd>{provider}</dd>
      </dl>
      <button type="button" disabled={!online || busy} aria-describedby={online ? undefined : 'citizen-sign-out-offline'} onClick={() => void signOut()}>
        {busy ? t('session:citizen.signingOut') : t('session:citizen.signOut')}
      </button>
      {!online || outcome === 'offline' ? <p id="citizen-sign-out-offline" class="muted">{t('session:citizen.signOutOffline')}</p> : null}
      {outcome === 'server' ? <p class="field-error" role="alert">{t('session:citizen.signOutFailed')}</p> : null}
      <CitizenPhones />
    </section>
  );
}
