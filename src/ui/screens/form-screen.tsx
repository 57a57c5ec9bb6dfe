import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import {
  EMPTY_SOATO, MAX_ATTACHMENT_BYTES, answerScope, joinDateParts, fieldsById, formUsesSoato, hasErrors, isSectionShown, todayInTashkent,
  type Answers, type Consent, type FieldProblem, type FormDefinition, type GroupItem, type ScalarAnswer, type ServiceEntry,
} from '../../contract/index';
import type { OpenedDraft } from '../../core/drafts/open-draft';
import { checkDraft, problemsOfStep } from '../../core/forms/check-draft';
import { prepareAnswers } from '../../core/forms/prepare-answers';
import type { StoreProblem } from '../../services/store';
import { CheckAnswers } from '../components/check-answers';
import { NextSteps } from '../components/next-steps';
import { ConsentStep } from '../components/consent-step';
import { ErrorSummary } from '../components/error-summary';
import { ReturnedNotice } from '../components/returned-notice';
import { fieldDomId } from '../components/field-dom-id';
import { problemLabeller } from '../components/problem-labeller';
import { FormStep } from '../components/form-step';
import { takeEarlyInput } from '../early-input';
import { useStore, useWatch } from '../use-store';
import { useSession } from '../use-session';
import { useT } from '../use-t';
import { useDraftHold } from '../use-draft-hold';
import { ScreenLoading } from '../components/screen-loading';

/** The largest file a file field takes, in the person's megabytes. */
const MAX_ATTACHMENT_MB = Math.round(MAX_ATTACHMENT_BYTES / 2 ** 20);
/** The `step` query value of the check-your-answers page. */
const CHECK_STEP = 'check';

/**
 * A service's application form, one step per page, then "check your answers", filled offline.
 * It draws from the service and its current form at once (a server-rendered page is taken over in
 * place); the draft opens when the phone's database has loaded, and what was typed before that is
 * saved into it then. Every change is saved; a draft keeps the form version it started on. A draft
 * open in two tabs is edited in one of them: the other shows it without editing until it is handed
 * over, and then reads it again, so neither writes over answers it has not seen.
 */
export function FormScreen({ service, current }: { service: ServiceEntry; current: FormDefinition }) {
  const { t, pick } = useT();
  const { route, query } = useLocation();
  const id = service.id;
  const store = useStore();
  const [draft, setDraft] = useState<OpenedDraft | null>(null);
  const session = useSession();
  // An operator applying for a resident asks for the resident's consent on the last page.
  const forResident = session.residentName !== null && session.operatorName !== null;
  const [consent, setConsent] = useState<Consent | null>(null);
  const [consentProblem, setConsentProblem] = useState(false);
  // The draft's own version when it started on an older one; undefined while that is being read.
  const older = useWatch((s) => (draft && draft.formVersion !== current.version ? s.queries.form(id, draft.formVersion) : () => Promise.resolve(null)), [id, draft?.formVersion]);
  // A draft asked for by id (the drafts list, a correction) is drawn only once it is open, on its own version.
  const form = draft ? (draft.formVersion === current.version ? current : older) : query.draft ? undefined : current;
  const storedSoato = useWatch((s) => s.queries.soato, []);
  const needsSoato = form ? formUsesSoato(form) : false;
  const soato = storedSoato ?? EMPTY_SOATO;
  const [answers, setAnswers] = useState<Answers>(() => earlyAnswers(current));
  const [problems, setProblems] = useState<FieldProblem[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [storageProblem, setStorageProblem] = useState<StoreProblem | null>(null);
  // A new draft is stored at its first answer: until then there is nothing to call saved.
  const [kept, setKept] = useState(false);
  const noteSaved = (problem: StoreProblem | null) => {
    setStorageProblem(problem);
    if (!problem) setKept(true);
  };
  const [photoNotes, setPhotoNotes] = useState<Record<string, string>>({});
  // What handlers read: Preact renders after a tick, and a tap on Continue right after typing must
  // judge what was typed, not the answers of the last render. `typed` holds what was typed before
  // the draft opened, to be saved into it; `draftId` is set the moment it has been, before the
  // render that shows the draft, so a keystroke in between goes to the draft too.
  const latest = useRef<{ answers: Answers; problems: FieldProblem[] | null; warned: Set<string>; typed: Answers; draftId: string | null }>({
    answers, problems: null, warned: new Set(), typed: { ...answers }, draftId: null,
  });
  const showAnswers = (next: Answers) => { latest.current.answers = next; setAnswers(next); };
  const showProblems = (next: FieldProblem[] | null) => { latest.current.problems = next; setProblems(next); };
  // Asked once the draft is stored: before that no other tab can open it.
  const { holds, takeOver } = useDraftHold(draft && kept ? draft.id : null);
  const elsewhere = holds === false;
  // Handed back after another tab edited it: what is shown is stale, so the draft is read again.
  const [readAgain, setReadAgain] = useState(0);
  const wasElsewhere = useRef(false);
  useEffect(() => {
    if (holds === false) wasElsewhere.current = true;
    else if (holds === true && wasElsewhere.current) {
      wasElsewhere.current = false;
      setReadAgain((n) => n + 1);
    }
  }, [holds]);

  useEffect(() => {
    if (!store) return;
    let open = true;
    const asked = readAgain > 0 ? latest.current.draftId ?? query.draft : query.draft;
    latest.current.draftId = null;
    void store.openDraft(id, current.version, asked).then(async (opened) => {
      // Saved before the draft is shown: a draft opened again right after (its id now in the address)
      // holds them. A slow phone types on while these are written: round again until nothing is left,
      // then take over with no await between the last check and the hand-over.
      const saved: Answers = {};
      for (let typed = Object.entries(latest.current.typed); typed.length > 0; typed = Object.entries(latest.current.typed)) {
        latest.current.typed = {};
        for (const [field, value] of typed) {
          saved[field] = value;
          noteSaved(await store.saveAnswer(opened.id, field, value));
        }
      }
      if (!open) return;
      latest.current.draftId = opened.id;
      // Read again after another tab sent it, the draft is a new one: nothing saved yet.
      if (!opened.unsaved) setKept(true);
      else if (Object.keys(saved).length === 0) setKept(false);
      setDraft(opened);
      showAnswers({ ...opened.answers, ...saved });
      // Sent back by the server: show its findings on the same fields, in this person's words.
      if (opened.serverProblems?.length) showProblems(opened.serverProblems);
    });
    return () => { open = false; };
  }, [store, id, current.version, query.draft, readAgain]);

  // The regions and districts come with the content sync; a form that asks for them fetches them now.
  useEffect(() => {
    if (store && needsSoato && storedSoato === undefined) void store.ensureSoato();
  }, [store, needsSoato, storedSoato]);

  // A change link or a summary link names the field in the hash: focus it once its step is drawn.
  useEffect(() => {
    const target = decodeURIComponent(window.location.hash.slice(1));
    if (target && form) document.getElementById(target)?.focus();
  }, [query.step, form]);

  if (draft && form === null) return <p>{t('form.notOnDevice')}</p>;
  if (!form) return <ScreenLoading />;

  const scope = answerScope(form, answers, todayInTashkent());
  const steps = form.sections.flatMap((section, index) => (isSectionShown(section, scope) ? [index] : []));
  const stepOf = (path: string) => Math.max(0, steps.findIndex((i) => form.sections[i]!.fields.some((f) => f.id === path.split('.')[0])));
  const onCheck = query.step === CHECK_STEP;
  // A draft the server sent back opens on the step of its first finding.
  const returnedTo = query.step === undefined && draft?.serverProblems?.length ? stepOf(draft.serverProblems[0]!.field) : null;
  const position = onCheck ? steps.length : returnedTo ?? Math.min(Math.max(0, Number(query.step) || 0), steps.length - 1);
  const section = onCheck ? null : form.sections[steps[position]!]!;
  const hrefTo = (step: number | typeof CHECK_STEP, path?: string) =>
    `/services/${id}?${draft ? `draft=${draft.id}&` : ''}step=${step}${path ? `#${fieldDomId(path)}` : ''}`;
  const labelOf = problemLabeller(form, (text) => pick(text), (item, number) => t('form.itemNumber', { item, number }));
  const fieldOf = (path: string) => fieldsById(form).get(path.split('.').at(-1)!);

  const change = (field: string, update: ScalarAnswer | ((items: GroupItem[]) => GroupItem[])) => {
    if (elsewhere) return;
    const before = latest.current.answers[field];
    const value = typeof update === 'function' ? update(Array.isArray(before) ? (before as GroupItem[]) : []) : update;
    const next = { ...latest.current.answers, [field]: value };
    showAnswers(next);
    const draftId = latest.current.draftId;
    if (store && draftId) void store.saveAnswer(draftId, field, value).then(noteSaved);
    else latest.current.typed[field] = value;
    if (latest.current.problems && section) showProblems(problemsOfStep(checkDraft(form, next, soato), section.fields.map((f) => f.id)));
  };
  const attach = async (field: string, file: File) => {
    if (!store || !draft || elsewhere) return;
    const definition = fieldsById(form).get(field);
    setPhotoNotes((notes) => ({ ...notes, [field]: t('form.photoPreparing') }));
    const result = definition?.kind === 'file'
      ? await store.attachFile(draft.id, field, file, definition.accept)
      : await store.attachPhoto(draft.id, field, file);
    if (result.ok) {
      setKept(true);
      showAnswers({ ...latest.current.answers, [field]: result.ref });
      setPhotoNotes((notes) => ({ ...notes, [field]: t('form.photoAttached', { size: Math.ceil(result.size / 1024) }) }));
    } else if (result.problem === 'photo_unreadable' || result.problem === 'file_type' || result.problem === 'file_too_large') {
      setPhotoNotes((notes) => ({ ...notes, [field]: t(`form.${result.problem === 'photo_unreadable' ? 'photoUnreadable' : result.problem === 'file_type' ? 'fileType' : 'fileTooLarge'}`, { max: MAX_ATTACHMENT_MB }) }));
    } else {
      setPhotoNotes((notes) => ({ ...notes, [field]: '' }));
      setStorageProblem(result.problem);
    }
  };
  // Remove: the question asks for a photo again, and the photo leaves the phone unless still needed.
  const detach = async (field: string) => {
    if (!store || !draft || elsewhere) return;
    const problem = await store.detachAttachment(draft.id, field);
    if (problem) return setStorageProblem(problem);
    const next = { ...latest.current.answers, [field]: '' };
    showAnswers(next);
    setPhotoNotes((notes) => ({ ...notes, [field]: t('form.attach.removed') }));
    if (latest.current.problems && section) showProblems(problemsOfStep(checkDraft(form, next, soato), section.fields.map((f) => f.id)));
  };
  const next = (event: Event) => {
    event.preventDefault();
    if (!section) return;
    const found = problemsOfStep(checkDraft(form, latest.current.answers, soato), section.fields.map((f) => f.id));
    // A warning (a PINFL check digit) stops Continue once per visit; pressed again, it goes on.
    const warnings = found.filter((p) => p.severity === 'warning').map((p) => `${p.field}:${p.code}`);
    const unseenWarning = warnings.some((w) => !latest.current.warned.has(w));
    warnings.forEach((w) => latest.current.warned.add(w));
    showProblems(found);
    if (hasErrors(found) || unseenWarning) return;
    showProblems(null);
    route(hrefTo(position + 1 < steps.length ? position + 1 : CHECK_STEP));
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy || !store || !draft || elsewhere) return;
    const found = checkDraft(form, latest.current.answers, soato);
    showProblems(found);
    if (hasErrors(found)) return;
    if (forResident && !consent) {
      setConsentProblem(true);
      return;
    }
    setBusy(true);
    const result = await store.submitDraft(draft.id, service.id, draft.formVersion, consent ?? undefined);
    setBusy(false);
    if (result.ok) route(`/outbox?saved=${result.item.id}`);
    else if ('problems' in result) showProblems(result.problems);
    else if ('consentNeeded' in result) setConsentProblem(true);
    else setStorageProblem(result.storage);
  };
  const shown = section ? problemsOfStep(problems ?? [], section.fields.map((f) => f.id)) : problems ?? [];
  const errors = shown.filter((p) => p.severity === 'error');

  return (
    // method="post": a Continue pressed before the app took over never puts answers into the address.
    <form method="post" onSubmit={(e) => void (onCheck ? submit(e) : next(e))} noValidate
      data-draft-hold={holds === null ? 'asking' : holds ? 'here' : 'elsewhere'}>
      <p class="muted step-count">{onCheck ? null : t('form.stepOf', { number: position + 1, total: steps.length })}</p>
      <h1>{pick(service.name)}</h1>
      {/* "Saved" is said only once there is a draft on the phone: from its first answer. */}
      <p class={storageProblem ? 'banner error' : 'muted'} role={storageProblem ? 'alert' : 'status'} data-testid="draft-status">
        {storageProblem ? t(`storage.${storageProblem}`) : draft && kept ? t('form.draftSaved') : null}
      </p>
      {needsSoato && storedSoato === undefined && section?.fields.some((f) => f.kind === 'region' || f.kind === 'district')
        ? <p class="muted" role="status">{t('form.regionsLoading')}</p> : null}
      {elsewhere ? (
        <div class="banner" role="status" data-testid="draft-elsewhere">
          <p>{t('form.heldElsewhere')}</p>
          <button type="button" onClick={takeOver}>{t('form.editHere')}</button>
        </div>
      ) : null}
      {draft?.serverProblems?.length ? <p class="banner" role="status">{t('form.returned')}</p> : null}
      {draft?.prefilled && position === 0 ? <p class="banner" data-testid="prefilled">{t('form.prefilled')}</p> : null}
      {draft?.formChange ? (
        <div class="banner" data-testid="form-change">
          <p>{t(draft.formChange.moved ? 'form.versionMigrated' : 'form.versionKept')}</p>
          {draft.formChange.changed.length ? <ul>{draft.formChange.changed.map((field) => <li key={field}>{labelOf(field)}</li>)}</ul> : null}
        </div>
      ) : null}
      {draft ? <ReturnedNotice draft={draft} /> : null}
      {/* Disabled as a whole while another tab edits the draft: every field and Submit. */}
      <fieldset class="plain" disabled={elsewhere}>
      {errors.length > 0
        ? <ErrorSummary problems={errors} labelOf={labelOf} fieldOf={fieldOf} hrefOf={onCheck ? (path) => hrefTo(stepOf(path), path) : undefined} />
        : null}
      {section ? (
        <section aria-labelledby={`section-${section.id}`}>
          <h2 id={`section-${section.id}`}>{pick(section.title)}</h2>
          <FormStep section={section} answers={answers} scope={scope} soato={soato} problems={shown}
            onChange={change} onFile={(field, file) => void attach(field, file)} onRemove={(field) => void detach(field)} photoNotes={photoNotes} />
        </section>
      ) : (
        <>
          <h2>{t('form.check.title')}</h2>
          {/* What will be sent: shown answers only, in their canonical form (AA1234567, +998901234567). */}
          <CheckAnswers form={form} answers={prepareAnswers(form, answers, todayInTashkent()).answers} scope={scope} soato={soato} steps={steps} changeHref={(step, path) => hrefTo(steps.indexOf(step), path)} />
          {forResident ? (
            <ConsentStep residentName={session.residentName!} operatorName={session.operatorName!} problem={consentProblem}
              onChange={(given) => { setConsent(given); if (given) setConsentProblem(false); }} />
          ) : null}
          <NextSteps service={service} />
        </>
      )}
      <div class="form-actions">
        <button type="submit" class="primary" disabled={busy || (onCheck && !draft)}>{onCheck ? t('form.submit') : t('form.continue')}</button>
        {position > 0 ? <a href={hrefTo(position - 1)}>{t('form.back')}</a> : null}
      </div>
      </fieldset>
    </form>
  );
}

/**
 * What was typed into the server's page before the app took over, as answers of the form: a ticked
 * consent is true, a multiple choice is every ticked value, anything else is the text as typed.
 */
function earlyAnswers(form: FormDefinition): Answers {
  const answers: Answers = {};
  for (const field of form.sections.flatMap((section) => section.fields)) {
    if (field.kind === 'group' || field.kind === 'photo' || field.kind === 'file' || field.kind === 'computed') continue;
    if (field.kind === 'date') {
      const [day, month, year] = (['day', 'month', 'year'] as const).map((part) => takeEarlyInput(`${field.id}-${part}`)?.[0] ?? '') as [string, string, string];
      const date = joinDateParts({ day, month, year });
      if (date) answers[field.id] = date;
      continue;
    }
    const values = takeEarlyInput(field.id);
    if (!values) continue;
    answers[field.id] = field.kind === 'consent' ? true : field.kind === 'choice' && field.multiple ? values : values[0]!;
  }
  return answers;
}
