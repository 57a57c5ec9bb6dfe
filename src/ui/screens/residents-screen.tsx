import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { loadSession } from '../../services/load-session';
import type { Resident, ResidentProblem } from '../../services/session-store';
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
  const [pinfl, setPinfl] = useState('');
  const [problem, setProblem] = useState<ResidentProblem | null>(null);
  const refresh = () => void loadSession().then((s) => s.listResidents()).then(setResidents);
  useEffect(refresh, [session.locked, session.mode]);

  if (session.mode !== 'operator') {
    return <p>{t('session:residents.operatorsOnly')} <a href="/operator">{t('session:operator.signInTitle')}</a></p>;
  }
  const add = async (event: Event) => {
    event.preventDefault();
    const session = await loadSession();
    const found = session.residentProblem(name, pinfl);
    if (found) return setProblem(found);
    const added = await session.addResident(name, pinfl);
    if (!added) return setProblem('name');
    setProblem(null);
    setName('');
    setPinfl('');
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
        {problem === 'name' ? <p class="field-error" role="alert">{t('session:residents.nameNeeded')}</p> : null}
        <label class="field">
          {t('session:residents.name')}
          <input type="text" autocomplete="off" value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} data-testid="resident-name" />
        </label>
        <ResidentPinfl value={pinfl} problem={problem === 'name' ? null : problem} onInput={setPinfl} />
        <button type="submit" class="primary">{t('session:residents.addButton')}</button>
      </form>
    </>
  );
}

/**
 * The resident's PINFL, optional: an on-behalf application then names them by it, and the server
 * checks it as the phone does. Typed in groups or with dashes as on the card; only digits are kept.
 */
export function ResidentPinfl({ value, problem, onInput }: { value: string; problem: Exclude<ResidentProblem, 'name'> | null; onInput: (value: string) => void }) {
  const { t } = useT();
  return (
    <div class="field">
      <label for="resident-pinfl">{t('session:residentPinfl.label')}</label>
      <p id="resident-pinfl-hint" class="muted">{t('session:residentPinfl.hint')}</p>
      {problem ? <p id="resident-pinfl-error" class="field-error" role="alert" data-testid="resident-pinfl-error">{t(problem === 'pinfl_checksum' ? 'session:residentPinfl.checksum' : `validation.${problem}`)}</p> : null}
      <input id="resident-pinfl" type="text" inputMode="numeric" autocomplete="off" spellcheck={false} value={value}
        aria-describedby={problem ? 'resident-pinfl-hint resident-pinfl-error' : 'resident-pinfl-hint'} aria-invalid={problem ? 'true' : undefined}
        onInput={(e) => onInput((e.target as HTMLInputElement).value)} data-testid="resident-pinfl" />
    </div>
  );
}
