import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { StoreProblem } from '../../services/store';
import { formFields, hasErrors, validateAnswers, type Answers, type FieldProblem } from '../../contract/index';
import { ErrorSummary } from '../components/error-summary';
import { FormField } from '../components/form-field';
import { useStore, useWatch } from '../use-store';
import { useT } from '../use-t';

/** A service's application form, filled offline; every change is saved as a draft on the phone. */
export function FormScreen({ id }: { id: string }) {
  const { t, pick } = useT();
  const { route, query } = useLocation();
  const store = useStore();
  const service = useWatch((s) => s.queries.service(id), [id]);
  // undefined (still loading) until the service says which version: null would mean "not on this phone".
  const form = useWatch((s) => (service ? s.queries.form(id, service.formVersion) : () => Promise.resolve(undefined)), [id, service?.formVersion]);
  const soato = useWatch((s) => s.queries.soato, []);
  const [draftId, setDraftId] = useState<string | null>(null);
  const [answers, setAnswers] = useState<Answers>({});
  const [problems, setProblems] = useState<FieldProblem[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [returned, setReturned] = useState(false);
  const [storageProblem, setStorageProblem] = useState<StoreProblem | null>(null);
  const [photoNotes, setPhotoNotes] = useState<Record<string, string>>({});

  useEffect(() => {
    if (!store || !service) return;
    void store.openDraft(service.id, service.formVersion, query.draft).then((draft) => {
      setDraftId(draft.id);
      setAnswers(draft.answers);
      // Sent back by the server: show its findings on the same fields, in this person's words.
      if (draft.serverProblems?.length) {
        setReturned(true);
        setProblems(draft.serverProblems);
      }
    });
  }, [store, service?.id, service?.formVersion, query.draft]);

  if (service === null || (service && form === null)) return <p>{t('form.notOnDevice')}</p>;
  if (!service || !form || !soato || !draftId || !store) return <p>{t('home.loading')}</p>;

  const fields = formFields(form);
  const labelOf = (fieldId: string) => {
    const field = fields.find((f) => f.id === fieldId);
    return field ? pick(field.label) : fieldId;
  };
  const change = (field: string, value: string | boolean) => {
    const next = { ...answers, [field]: value };
    setAnswers(next);
    void store.saveAnswer(draftId, field, value).then(setStorageProblem);
    if (problems) setProblems(validateAnswers(form, next, soato));
  };
  const attach = async (field: string, file: File) => {
    setPhotoNotes((notes) => ({ ...notes, [field]: t('form.photoPreparing') }));
    const result = await store.attachPhoto(draftId, field, file);
    if (result.ok) {
      setAnswers((current) => ({ ...current, [field]: result.ref }));
      setPhotoNotes((notes) => ({ ...notes, [field]: t('form.photoAttached', { size: Math.ceil(result.size / 1024) }) }));
    } else if (result.problem === 'photo_unreadable') {
      setPhotoNotes((notes) => ({ ...notes, [field]: t('form.photoUnreadable') }));
    } else {
      setPhotoNotes((notes) => ({ ...notes, [field]: '' }));
      setStorageProblem(result.problem);
    }
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    const found = validateAnswers(form, answers, soato);
    setProblems(found);
    if (hasErrors(found) || busy) return;
    setBusy(true);
    const result = await store.submitDraft(draftId, service.id, service.formVersion);
    setBusy(false);
    if (result.ok) route(`/outbox?saved=${result.item.id}`);
    else if ('problems' in result) setProblems(result.problems);
    else setStorageProblem(result.storage);
  };
  const shown = problems ?? [];
  const errors = shown.filter((p) => p.severity === 'error');

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <h1>{pick(service.name)}</h1>
      {storageProblem
        ? <p class="banner error" role="alert">{t(`storage.${storageProblem}`)}</p>
        : <p class="muted" role="status">{t('form.draftSaved')}</p>}
      {returned ? <p class="banner" role="status">{t('form.returned')}</p> : null}
      {errors.length > 0 ? <ErrorSummary problems={errors} labelOf={labelOf} /> : null}
      {form.sections.map((section) => (
        <section key={section.id} aria-labelledby={`section-${section.id}`}>
          <h2 id={`section-${section.id}`}>{pick(section.title)}</h2>
          {section.fields.map((field) => (
            <FormField key={field.id} field={field} answers={answers} soato={soato}
              problem={shown.find((p) => p.field === field.id)} onChange={(v) => change(field.id, v)}
              onFile={(file) => void attach(field.id, file)}
              photoNote={photoNotes[field.id] ?? (typeof answers[field.id] === 'string' && field.kind === 'photo' && answers[field.id] ? t('form.photoKept') : undefined)} />
          ))}
        </section>
      ))}
      <button type="submit" class="primary" disabled={busy}>{t('form.submit')}</button>
    </form>
  );
}
