import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { loadSession } from '../../services/load-session';
import type { Resident } from '../../services/session-store';
import { useSession } from '../use-session';
import { useT } from '../use-t';

/**
 * The residents an operator applies for. One at a time: choosing a resident shows only
 * their drafts, queue and profile, nothing of the one before. Names are kept under the operator's key.
 */
export function ResidentsScreen() {
  const { t } = useT();
  const { route } = useLocation();
  const session = useSession();
  const [residents, setResidents] = useState<Resident[] | null>(null);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState(false);
  const refresh = () => void loadSession().then((s) => s.listResidents()).then(setResidents);
  useEffect(refresh, [session.locked, session.mode]);

  if (session.mode !== 'operator') {
    return <p>{t('session:residents.operatorsOnly')} <a href="/operator">{t('session:operator.signInTitle')}</a></p>;
  }
  const add = async (event: Event) => {
    event.preventDefault();
    const added = await (await loadSession()).addResident(name);
    if (!added) return setProblem(true);
    setProblem(false);
    setName('');
    await (await loadSession()).chooseResident(added.id);
    route('/');
  };
  const choose = async (id: string | null) => {
    await (await loadSession()).chooseResident(id);
    route('/');
  };
  return (
    <>
      <h1>{t('session:residents.title')}</h1>
      <p>{t('session:residents.intro')}</p>
      {session.residentName
        ? <p class="banner" role="status">{t('session:bar.for', { name: session.residentName })} <button type="button" onClick={() => void choose(null)}>{t('session:residents.stop')}</button></p>
        : null}
      {residents?.length === 0 ? <p>{t('session:residents.none')}</p> : null}
      <ul class="cards" data-testid="residents">
        {residents?.map((r) => (
          <li key={r.id} class="card">
            <span>{r.name}</span>{' '}
            <button type="button" onClick={() => void choose(r.id)} aria-label={t('session:residents.workForName', { name: r.name })}>{t('session:residents.workFor')}</button>
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => void add(e)} noValidate>
        <h2>{t('session:residents.add')}</h2>
        {problem ? <p class="field-error" role="alert">{t('session:residents.nameNeeded')}</p> : null}
        <label class="field">
          {t('session:residents.name')}
          <input type="text" autocomplete="off" value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} data-testid="resident-name" />
        </label>
        <button type="submit" class="primary">{t('session:residents.addButton')}</button>
      </form>
    </>
  );
}
