import { useSession } from '../use-session';
import { useT } from '../use-t';
import { CitizenSignIn } from './citizen-sign-in';

/**
 * Under an own application the server would not take without the citizen's OneID sign-in (or whose
 * sign-in has ended): signing in signs it and sends it as it is. An operator is told whose sign-in it is.
 */
export function CitizenNeeded({ text }: { text?: string }) {
  const { t } = useT();
  const session = useSession();
  if (session.mode !== 'citizen') return <p class="muted">{t('session:citizen.operatorHint')}</p>;
  return (
    <div data-testid="citizen-needed">
      {text ? <p>{text}</p> : null}
      <CitizenSignIn />
    </div>
  );
}
