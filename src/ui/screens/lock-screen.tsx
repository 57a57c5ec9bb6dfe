import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { PIN_DIGITS } from '../../contract/index';
import { loadSession } from '../../services/load-session';
import { useT } from '../use-t';

/**
 * The only screen while a PIN protects the phone and it is locked (docs/security.md). The fifth wrong PIN
 * in a row wipes the keys of what it protected; applications already sent to the queue still go.
 */
export function LockScreen() {
  const { t } = useT();
  const { route } = useLocation();
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [attemptsLeft, setAttemptsLeft] = useState<number | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => { input.current?.focus(); }, []);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy || pin === '') return;
    setBusy(true);
    // PBKDF2 at 600,000 iterations takes a moment on a low-end phone: the button says so.
    const result = await (await loadSession()).unlock(pin);
    setBusy(false);
    setPin('');
    if (!result.ok && result.reason === 'wrong_pin') setAttemptsLeft(result.attemptsLeft);
    // Wiped: whatever screen was open belonged to someone whose data is gone; start from home.
    if (!result.ok && result.reason === 'wiped') route('/');
    input.current?.focus();
  };
  return (
    <form class="lock" onSubmit={(e) => void submit(e)} noValidate>
      <h1>{t('session:lock.title')}</h1>
      <p>{t('session:lock.intro')}</p>
      {attemptsLeft !== null ? <p class="banner error" role="alert">{t('session:lock.wrong', { count: attemptsLeft })}</p> : null}
      <label class="field">
        {t('session:lock.pin', { digits: PIN_DIGITS })}
        <input ref={input} type="password" inputMode="numeric" autocomplete="current-password" maxLength={PIN_DIGITS} value={pin}
          onInput={(e) => setPin((e.target as HTMLInputElement).value)} data-testid="pin" />
      </label>
      <button type="submit" class="primary" disabled={busy} aria-busy={busy}>{busy ? t('session:lock.opening') : t('session:lock.unlock')}</button>
    </form>
  );
}
