import { useState } from 'preact/hooks';
import type { OutboxRow } from '../../core/db/records';
import { formatDateTime } from '../../core/format/format-date-time';
import { isExportable } from '../../core/handover/exportable';
import { useT } from '../use-t';
import { HandoverTake } from './handover-take';

/** Keep the file's URL this long after the click: revoking it in the same task can cancel the download. */
const REVOKE_AFTER_MS = 60_000;

type Note = { ok: boolean; text: string } | null;

const loadHandover = () => import('../../services/handover-store');

/**
 * Hand-over without network (docs/security.md): chosen sealed applications saved to a file that another
 * phone or the office takes and sends, and a file taken from someone else (HandoverTake).
 */
export function HandoverPanel({ items, nameOf }: { items: OutboxRow[]; nameOf: (serviceId: string) => string }) {
  const { t, locale } = useT();
  const exportable = items.filter(isExportable);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [saved, setSaved] = useState<Note>(null);
  const [busy, setBusy] = useState(false);

  const toggle = (id: string, on: boolean) => setChosen((before) => {
    const next = new Set(before);
    if (on) next.add(id); else next.delete(id);
    return next;
  });

  const save = async () => {
    const ids = exportable.filter((item) => chosen.has(item.id)).map((item) => item.id);
    if (ids.length === 0) return setSaved({ ok: false, text: t('handover:chooseFirst') });
    setSaved(null);
    setBusy(true);
    const result = await (await loadHandover()).saveHandover(ids);
    setBusy(false);
    if (!result.ok) return setSaved({ ok: false, text: t(`handover:problem.${result.problem}`) });
    download(result.file, result.name);
    setChosen(new Set());
    setSaved({ ok: true, text: t('handover:saved', { count: result.count, name: result.name }) });
  };

  return (
    <section class="handover" aria-labelledby="handover-title" data-testid="handover-panel">
      <h2 id="handover-title">{t('handover:title')}</h2>
      <p>{t('handover:intro')}</p>
      {exportable.length === 0 ? <p class="muted">{t('handover:nothing')}</p> : (
        <>
          <fieldset>
            <legend>{t('handover:choose')}</legend>
            {exportable.map((item) => (
              <div class="radio" key={item.id}>
                <input type="checkbox" id={`handover-${item.id}`} checked={chosen.has(item.id)}
                  onChange={(e) => toggle(item.id, (e.currentTarget as HTMLInputElement).checked)} />
                <label for={`handover-${item.id}`}>
                  {nameOf(item.serviceId)}, {t('handover:finalised', { time: formatDateTime(item.finalisedAt, locale) })}
                  {item.handedOverAt ? <span class="muted">{' '}{t('handover:handedOver', { time: formatDateTime(item.handedOverAt, locale) })}</span> : null}
                </label>
              </div>
            ))}
          </fieldset>
          <p class="muted">{t('handover:stillSends')}</p>
          <button type="button" disabled={busy} onClick={() => void save()}>{t('handover:save')}</button>
        </>
      )}
      <p role="status" class={saved?.ok === false ? 'field-error' : undefined} data-testid="handover-saved">{saved?.text}</p>
      <HandoverTake nameOf={nameOf} />
    </section>
  );
}

/** Saves the file through a link to it: no inline script, which the page's CSP forbids. */
function download(file: Blob, name: string): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
