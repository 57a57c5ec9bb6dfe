import { useState } from 'preact/hooks';
import { loadCitizen } from '../../services/load-citizen';
import type { StartOutcome } from '../../services/citizen-store';
import { useOnline } from '../use-online';
import { useT } from '../use-t';

/** Problems a start can end in, as the person reads them. */
const START_PROBLEM: Partial<Record<StartOutcome, string>> = {
  offline: 'session:citizen.needsNetwork',
  server: 'session:citizen.startFailed',
  operator: 'session:citizen.operatorHint',
};

/**
 * The "Sign in with OneID" button: the sign-in code loads only when it is pressed, and the browser
 * then goes to OneID. Offline it stays visible but disabled, with the reason beside it.
 */
export function CitizenSignIn({ describedBy }: { describedBy?: string }) {
  const { t } = useT();
  const online = useOnline();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<StartOutcome | null>(null);
  const start = async () => {
    setBusy(true);
    setProblem(null);
    const outcome = await (await loadCitizen()).startCitizenSignIn().catch((): StartOutcome => 'server');
    // 'going': the page is leaving for OneID; the button stays busy until it has.
    if (outcome !== 'going') {
      setProblem(outcome);
      setBusy(false);
    }
  };
  const problemKey = problem ? START_PROBLEM[problem] : undefined;
  return (
    <div class="citizen-sign-in">
      <button type="button" class="primary" data-testid="citizen-sign-in" disabled={!online || busy} aria-describedby={describedBy}
        onClick={() => void start()}>
        {busy ? t('session:citizen.starting') : t('session:citizen.signIn')}
      </button>
      {!online ? <p class="muted">{t('session:citizen.needsNetwork')}</p> : null}
      {problemKey && online ? <p class="field-error" role="alert">{t(problemKey)}</p> : null}
    </div>
  );
}
