import { useState } from 'preact/hooks';
import type { OutboxRow } from '../../core/db/records';
import type { SignAgainOutcome } from '../../services/session-store';
import { useSession } from '../use-session';
import { useStore } from '../use-store';
import { useT } from '../use-t';

/**
 * Under an on-behalf application the server refused for its operator's proof (signed before a
 * sign-out, or by a sign-in that has ended): the operator, signed in again, signs it again and
 * it goes as it was. Anyone else is told who can.
 */
export function SignAgain({ item }: { item: OutboxRow }) {
  const { t } = useT();
  const store = useStore();
  const session = useSession();
  const [outcome, setOutcome] = useState<SignAgainOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  if (session.mode !== 'operator') return <p data-testid="sign-again-hint">{t('outbox.signAgainHint')}</p>;
  const sign = async () => {
    setBusy(true);
    setOutcome((await store?.signAgainAndSend(item.id)) ?? null);
    setBusy(false);
  };
  return (
    <>
      <p><button type="button" disabled={busy || !store} onClick={() => void sign()}>{t('outbox.signAgain')}</button></p>
      {outcome && outcome !== 'signed' ? <p role="alert" class="field-error">{t(`outbox.signAgainProblem.${outcome}`)}</p> : null}
    </>
  );
}
