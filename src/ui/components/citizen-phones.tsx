import { useEffect, useState } from 'preact/hooks';
import type { CitizenPhone } from '../../contract/index';
import { formatDateTime } from '../../core/format/format-date-time';
import { loadCitizen } from '../../services/load-citizen';
import { useOnline } from '../use-online';
import { useT } from '../use-t';
import { ConfirmDialog } from './confirm-dialog';

/**
 * Every phone the citizen is signed in on, as the server knows them (nothing of it is kept here): this
 * one marked, the others each with "Remove", which ends that phone's sign-in after a confirmation.
 */
export function CitizenPhones() {
  const { t, locale } = useT();
  const online = useOnline();
  const [phones, setPhones] = useState<CitizenPhone[] | null | undefined>(undefined);
  const [removing, setRemoving] = useState<CitizenPhone | null>(null);
  const [failed, setFailed] = useState(false);
  const refresh = () => {
    if (!navigator.onLine) return;
    setPhones(undefined);
    void loadCitizen().then((c) => c.citizenPhones()).then(setPhones, () => setPhones(null));
  };
  useEffect(refresh, [online]);
  const remove = async (phone: CitizenPhone) => {
    setRemoving(null);
    const ok = await (await loadCitizen()).removeCitizenPhone(phone.keyId);
    setFailed(!ok);
    refresh();
  };
  const when = (phone: CitizenPhone) => formatDateTime(phone.signedInAt, locale);
  return (
    <section aria-labelledby="citizen-phones-title">
      <h3 id="citizen-phones-title">{t('session:citizen.phones.title')}</h3>
      {!online ? <p class="muted">{t('session:citizen.phones.offline')}</p>
        : phones === null ? <p class="banner" role="alert">{t('session:citizen.phones.failed')}</p> : null}
      {failed ? <p class="field-error" role="alert">{t('session:citizen.phones.removeFailed')}</p> : null}
      {online && phones ? (
        <ul class="cards" data-testid="citizen-phones">
          {phones.map((phone) => (
            <li key={phone.keyId} class="card" data-this-phone={phone.thisPhone ? 'true' : undefined}>
              {phone.thisPhone
                ? <strong>{t('session:citizen.phones.thisPhone', { time: when(phone) })}</strong>
                : (
                  <>
                    <span>{t('session:citizen.phones.other', { time: when(phone) })}</span>{' '}
                    <button type="button" aria-label={t('session:citizen.phones.removeName', { time: when(phone) })} onClick={() => setRemoving(phone)}>
                      {t('session:citizen.phones.remove')}
                    </button>
                  </>
                )}
            </li>
          ))}
        </ul>
      ) : null}
      {removing ? (
        <ConfirmDialog title={t('session:citizen.phones.confirmTitle')} text={t('session:citizen.phones.confirmText')}
          confirm={t('session:citizen.phones.remove')} cancel={t('session:citizen.phones.cancel')}
          onConfirm={() => void remove(removing)} onCancel={() => setRemoving(null)} />
      ) : null}
    </section>
  );
}
