import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { loadSession } from '../../services/load-session';
import type { SignInOutcome } from '../../services/session-store';
import { ChoosePin } from '../components/choose-pin';
import { useOnline } from '../use-online';
import { useSession } from '../use-session';
import { useT } from '../use-t';

/**
 * For mahalla assistants and field staff (README.md, "Operators"): sign in online once with the account an
 * admin made, choose a PIN that unlocks this phone offline later; then lock or sign out here.
 */
export function OperatorScreen() {
  const { t } = useT();
  const { route } = useLocation();
  const session = useSession();
  const online = useOnline();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Extract<SignInOutcome, { ok: false }> | null>(null);
  const [signedInAs, setSignedInAs] = useState<string | null>(null);

  if (session.mode === 'operator') {
    return (
      <>
        <h1>{t('session:operator.title')}</h1>
        <p data-testid="operator-name">{t('session:operator.signedInAs', { name: session.operatorName })}</p>
        <p><a href="/residents">{t('session:residents.title')}</a></p>
        <div class="form-actions">
          <button type="button" onClick={() => void loadSession().then((s) => s.lock())}>{t('session:lock.now')}</button>
          <button type="button" onClick={() => void loadSession().then((s) => s.signOut()).then(() => route('/'))}>{t('session:operator.signOut')}</button>
        </div>
        <p class="muted">{t('session:operator.signOutNote')}</p>
      </>
    );
  }
  if (signedInAs) {
    return (
      <>
        <h1>{t('session:pin.title')}</h1>
        <p role="status">{t('session:operator.welcome', { name: signedInAs })}</p>
        <ChoosePin busy={busy} onChosen={async (pin) => {
          setBusy(true);
          const ok = await (await loadSession()).choosePin(pin);
          setBusy(false);
          if (ok) route('/residents');
        }} />
      </>
    );
  }
  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const outcome = await (await loadSession()).signIn(username, password);
    setBusy(false);
    setPassword('');
    if (outcome.ok) setSignedInAs(outcome.displayName);
    else setProblem(outcome);
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <h1>{t('session:operator.signInTitle')}</h1>
      <p>{t('session:operator.intro')}</p>
      {!online ? <p class="banner" role="status">{t('session:operator.needsNetwork')}</p> : null}
      {problem ? <p class="banner error" role="alert">{t(`session:operator.problem.${problem.problem}`, { count: Math.ceil((problem.retryAfterS ?? 60) / 60) })}</p> : null}
      <label class="field">
        {t('session:operator.username')}
        <input type="text" autocomplete="username" autocapitalize="none" spellcheck={false} value={username}
          onInput={(e) => setUsername((e.target as HTMLInputElement).value)} data-testid="username" />
      </label>
      <label class="field">
        {t('session:operator.password')}
        <input type="password" autocomplete="current-password" value={password}
          onInput={(e) => setPassword((e.target as HTMLInputElement).value)} data-testid="password" />
      </label>
      <button type="submit" class="primary" disabled={busy || !online}>{t('session:operator.signIn')}</button>
    </form>
  );
}
