import { useRef, useState } from 'preact/hooks';
import type { HandoverSummary } from '../../core/handover/summarise-handover';
import { formatDateTime } from '../../core/format/format-date-time';
import { useT } from '../use-t';

type Note = { ok: boolean; text: string } | null;

const loadHandover = () => import('../../services/handover-store');

/**
 * Taking a hand-over file: it is read and checked first, and the person is told what it holds
 * (how many applications, whose, made when) and what taking it does, then confirms or cancels.
 * Nothing is written before the confirmation.
 */
export function HandoverTake({ nameOf }: { nameOf: (serviceId: string) => string }) {
  const { t, locale } = useT();
  const [chosen, setChosen] = useState<{ file: Blob; summary: HandoverSummary } | null>(null);
  const [note, setNote] = useState<Note>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const read = async (field: HTMLInputElement) => {
    const file = field.files?.[0];
    if (!file) return;
    setNote(null);
    setChosen(null);
    setBusy(true);
    const result = await (await loadHandover()).previewHandover(file);
    setBusy(false);
    if (!result.ok) {
      // The same file may be chosen again after it was refused.
      field.value = '';
      return setNote({ ok: false, text: `${t(`handover:problem.${result.problem}`)} ${t('handover:nothingAdded')}` });
    }
    setChosen({ file, summary: result.summary });
    // The person is taken to what the file holds, which is read out before anything is taken.
    requestAnimationFrame(() => heading.current?.focus());
  };

  const take = async () => {
    if (!chosen) return;
    setBusy(true);
    const result = await (await loadHandover()).takeHandover(chosen.file);
    setBusy(false);
    setChosen(null);
    if (input.current) input.current.value = '';
    setNote(result.problem
      ? { ok: false, text: `${t(`handover:problem.${result.problem}`)} ${t('handover:nothingAdded')}` }
      : { ok: true, text: t('handover:taken', { added: result.added, alreadyHere: result.alreadyHere }) });
    input.current?.focus();
  };

  const cancel = () => {
    setChosen(null);
    if (input.current) input.current.value = '';
    setNote({ ok: true, text: t('handover:nothingAdded') });
    input.current?.focus();
  };

  const summary = chosen?.summary;
  const made = summary && (summary.firstMadeAt === summary.lastMadeAt
    ? t('handover:preview.madeAt', { time: formatDateTime(summary.firstMadeAt, locale) })
    : t('handover:preview.madeBetween', { first: formatDateTime(summary.firstMadeAt, locale), last: formatDateTime(summary.lastMadeAt, locale) }));
  return (
    <>
      <p class="muted" id="handover-file-hint">{t('handover:takeHint')}</p>
      {/* The app's own button in the person's language over a visually hidden input (the browser's says "Choose File" in its own). */}
      <div class="attach-actions">
        <input ref={input} type="file" class="visually-hidden" id="handover-file" accept=".json,application/json" aria-describedby="handover-file-hint" disabled={busy}
          onChange={(e) => void read(e.currentTarget as HTMLInputElement)} />
        <label for="handover-file" class="button">{t('handover:take')}</label>
      </div>
      {summary ? (
        <div class="handover-preview" role="group" aria-labelledby="handover-preview-title" data-testid="handover-preview">
          <h3 id="handover-preview-title" ref={heading} tabIndex={-1}>{t('handover:preview.title')}</h3>
          <ul>
            <li>{t('handover:preview.count', { count: summary.count })}</li>
            <li data-testid="handover-preview-from">
              {summary.onBehalf === 0 ? t('handover:preview.fromOwners')
                : summary.operatorName ? t('handover:preview.fromOperator', { name: summary.operatorName }) : t('handover:preview.fromUnnamed')}
            </li>
            <li>{made}</li>
            <li>{t('handover:preview.savedAt', { time: formatDateTime(summary.exportedAt, locale) })}</li>
            <li>{t('handover:preview.services', { names: summary.services.map(nameOf).join(', ') })}</li>
            {summary.files > 0 ? <li>{t('handover:preview.files', { count: summary.files })}</li> : null}
            {summary.alreadyHere > 0 ? <li>{t('handover:preview.alreadyHere', { count: summary.alreadyHere })}</li> : null}
          </ul>
          <p>{t('handover:preview.what')}</p>
          {summary.onBehalf > 0 ? <p>{t('handover:preview.signed')}</p> : null}
          <div class="confirm-actions">
            <button type="button" onClick={cancel} disabled={busy}>{t('handover:preview.cancel')}</button>
            <button type="button" class="primary-inline" onClick={() => void take()} disabled={busy}>{t('handover:preview.confirm')}</button>
          </div>
        </div>
      ) : null}
      <p role="status" class={note?.ok === false ? 'field-error' : undefined} data-testid="handover-taken">{note?.text}</p>
    </>
  );
}
