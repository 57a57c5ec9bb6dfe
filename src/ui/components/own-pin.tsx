import { useEffect, useState } from 'preact/hooks';
import { loadSession } from '../../services/load-session';
import { useSession } from '../use-session';
import { useT } from '../use-t';
import { ChoosePin } from './choose-pin';

/** A citizen's optional PIN over their own drafts and profile on this phone (docs/security.md). */
export function OwnPin() {
  const { t } = useT();
  const session = useSession();
  const [has, setHas] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => { void loadSession().then((s) => s.hasOwnPin()).then(setHas); }, []);
  if (session.mode !== 'citizen' || has === null) return null;
  return (
    <section aria-labelledby="own-pin">
      <h2 id="own-pin">{t('session:own.title')}</h2>
      {has ? <p role="status">{t('session:own.on')}</p> : (
        <>
          <p>{t('session:own.intro')}</p>
          <ChoosePin busy={busy} onChosen={async (pin) => {
            setBusy(true);
            setHas(await (await loadSession()).protectWithPin(pin));
            setBusy(false);
          }} />
        </>
      )}
      {has ? <button type="button" onClick={() => void loadSession().then((s) => s.lock())}>{t('session:lock.now')}</button> : null}
      <p><a href="/operator">{t('session:own.operatorLink')}</a></p>
    </section>
  );
}
