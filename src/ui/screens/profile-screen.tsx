import { useEffect, useState } from 'preact/hooks';
import { validateAnswers, type Answers, type FormDefinition, type ItemField, type Localized, type ProfileKey } from '../../contract/index';
import type { StoreProblem } from '../../services/store';
import { FormField } from '../components/form-field';
import { OwnPin } from '../components/own-pin';
import { useStore, useWatch } from '../use-store';
import { useT } from '../use-t';
import { ScreenLoading } from '../components/screen-loading';

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
  useEffect(() => { if (profile !== undefined && values === null) setValues(profile?.values ?? {}); }, [profile]);
  if (!store || !soato || values === null) return <ScreenLoading />;

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
    <form onSubmit={(e) => e.preventDefault()} noValidate>
      <h1>{t('profile.title')}</h1>
      <p>{t('profile.intro')}</p>
      {storageProblem
        ? <p class="banner error" role="alert">{t(`storage.${storageProblem}`)}</p>
        : <p class="muted" role="status">{t('profile.saved')}</p>}
      {fields.map((field) => (
        <FormField key={field.id} field={field} path={`profile.${field.id}`} answers={values} soato={soato} required={false}
          problem={problems.find((p) => p.field === field.id)} onChange={(v) => change(field.id as ProfileKey, String(v))} />
      ))}
    </form>
    <OwnPin />
    </>
  );
}
