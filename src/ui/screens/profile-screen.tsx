import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { SIGN_IN_RESULT_PARAM, validateAnswers, type CitizenSession, type Answers, type FormDefinition, type ItemField, type Localized, type ProfileKey } from '../../contract/index';
import type { CitizenView, StoreProblem } from '../../services/store';
import { loadCitizen } from '../../services/load-citizen';
import type { FinishOutcome } from '../../services/citizen-store';
import { CitizenCard, groupPinfl } from '../components/citizen-card';
import { CitizenSignIn } from '../components/citizen-sign-in';
import { FormField } from '../components/form-field';
import { OwnPin } from '../components/own-pin';
import { useStore, useWatch } from '../use-store';
import { useT } from '../use-t';
import { ScreenLoading } from '../components/screen-loading';
import { useSession } from '../use-session';

/** The profile's details OneID vouches for: shown from OneID, not editable, while signed in. */
const FROM_IDENTITY: readonly ProfileKey[] = ['pinfl', 'lastName', 'firstName', 'patronymic'];

/** The profile's questions, as form fields, so they are shown and checked exactly as in a form. */
const PROFILE_FIELDS: Array<Omit<ItemField, 'label'> & { id: ProfileKey }> = [
  { id: 'lastName', kind: 'text', maxLength: 60, autocomplete: 'family-name' },
  { id: 'firstName', kind: 'text', maxLength: 60, autocomplete: 'given-name' },
  { id: 'patronymic', kind: 'text', maxLength: 60, autocomplete: 'additional-name' },
  { id: 'pinfl', kind: 'pinfl' },
  { id: 'passport', kind: 'passport' },
  { id: 'phone', kind: 'phone' },
  { id: 'email', kind: 'email' },
  { id: 'region', kind: 'region' },
  { id: 'district', kind: 'district', regionField: 'region' },
  { id: 'address', kind: 'multiline', maxLength: 200, autocomplete: 'street-address' },
] as never;

/** The person's own details, kept on this phone only, that prefill the matching questions of new applications. */
export function ProfileScreen() {
  const { t } = useT();
  const store = useStore();
  const profile = useWatch((s) => s.queries.profile, []);
  const soato = useWatch((s) => s.queries.soato, []);
  const [values, setValues] = useState<Answers | null>(null);
  const [storageProblem, setStorageProblem] = useState<StoreProblem | null>(null);
  const citizen = useWatch((s) => s.queries.citizen, []);
  const signInResult = useSignInReturn();
  useEffect(() => { if (profile !== undefined && values === null) setValues(profile?.values ?? {}); }, [profile]);
  // The sign-in writes the details OneID gives into the profile: show them as they now are.
  useEffect(() => { if (signInResult?.ok && profile) setValues(profile.values); }, [signInResult, profile]);
  if (!store || !soato || values === null) return <ScreenLoading />;
  const identity = citizen?.state === 'signed-in' ? citizen.session : null;

  // Labels in the current language only: the synthetic form lives for this render.
  const here = (text: string): Localized => ({ uz: text, 'uz-Cyrl': text, ru: text, en: text });
  const fields = PROFILE_FIELDS.map((f) => ({ ...f, label: here(t(`profile.field.${f.id}`)) }) as ItemField);
  const form: FormDefinition = { serviceId: 'profile', version: 1, sections: [{ id: 'profile', title: here(''), fields }] };
  const filled = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
  const problems = validateAnswers(form, filled, soato).filter((p) => p.code !== 'unknown_field');
  const change = (key: ProfileKey, value: string) => {
    setValues({ ...values, [key]: value });
    void store.saveProfileValue(key, value).then(setStorageProblem);
  };
  return (
    <>
    <h1>{t('profile.title')}</h1>
    <SignInNotice result={signInResult} />
    <CitizenSection citizen={citizen} />
    <form onSubmit={(e) => e.preventDefault()} noValidate>
      <p>{t('profile.intro')}</p>
      {storageProblem
        ? <p class="banner error" role="alert">{t(`storage.${storageProblem}`)}</p>
        : <p class="muted" role="status">{t('profile.saved')}</p>}
      {fields.map((field) => identity && FROM_IDENTITY.includes(field.id as ProfileKey) ? (
        <p key={field.id} class="field from-identity" data-testid={`identity-${field.id}`}>
          <span>{t(`profile.field.${field.id}`)}: </span>
          <strong>{identityValue(identity, field.id as ProfileKey) || '—'}</strong>{' '}
          <span class="muted">({t('session:citizen.fromOneId')})</span>
        </p>
      ) : (
        <FormField key={field.id} field={field} path={`profile.${field.id}`} answers={values} soato={soato} required={false}
          problem={problems.find((p) => p.field === field.id)} onChange={(v) => change(field.id as ProfileKey, String(v))} />
      ))}
    </form>
    <OwnPin />
    </>
  );
}

/** A profile detail as OneID gives it: what the phone shows, whatever the profile row holds. */
function identityValue(session: CitizenSession, key: ProfileKey): string {
  const { citizen } = session;
  if (key === 'pinfl') return groupPinfl(citizen.pinfl);
  if (key === 'lastName') return citizen.lastName;
  if (key === 'firstName') return citizen.firstName;
  return key === 'patronymic' ? citizen.middleName ?? '' : '';
}

/**
 * Coming back from OneID (`/profile?sign-in=<result>`): finishes the sign-in once, then takes the
 * result off the address, so a reload or Back does not finish it again.
 */
function useSignInReturn(): FinishOutcome | null {
  const { query, path } = useLocation();
  const result = query[SIGN_IN_RESULT_PARAM];
  const [outcome, setOutcome] = useState<FinishOutcome | null>(null);
  useEffect(() => {
    if (result === undefined) return;
    void loadCitizen().then((c) => c.finishCitizenSignIn(result)).catch((): FinishOutcome => ({ ok: false, problem: 'finish_failed' })).then((done) => {
      setOutcome(done);
      history.replaceState(history.state, '', path);
    });
  }, [result]);
  return outcome;
}

/** What the return from OneID came to, in the person's language. */
function SignInNotice({ result }: { result: FinishOutcome | null }) {
  const { t } = useT();
  if (!result) return null;
  return result.ok
    ? <p class="banner success" role="status" data-testid="citizen-sign-in-result">{t('session:citizen.result.done')}</p>
    : <p class="banner error" role="alert" data-testid="citizen-sign-in-result">{t(`session:citizen.result.${result.problem}`)}</p>;
}

/**
 * The phone's OneID sign-in: who is signed in, or what signing in gives and its button. Not while an
 * operator works on this phone: the sign-in is the phone owner's, and their details are not the
 * operator's or a resident's to see.
 */
export function CitizenSection({ citizen }: { citizen: CitizenView | null | undefined }) {
  const { t } = useT();
  const session = useSession();
  if (session.mode !== 'citizen' || citizen === undefined) return null;
  if (citizen?.state === 'signed-in' && citizen.session) return <CitizenCard session={citizen.session} standIn={citizen.standIn} />;
  return (
    <section class="card citizen" aria-labelledby="citizen-sign-in-title">
      <h2 id="citizen-sign-in-title">{t('session:citizen.title')}</h2>
      <p id="citizen-sign-in-intro">{t('session:citizen.intro')}</p>
      {citizen?.standIn ? <p class="banner" data-testid="citizen-stand-in">{t('session:citizen.standIn')}</p> : null}
      <CitizenSignIn describedBy="citizen-sign-in-intro" />
    </section>
  );
}
