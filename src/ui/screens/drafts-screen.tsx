import { useRef, useState } from 'preact/hooks';
import { isDeletable } from '../../core/drafts/is-deletable';
import { formatDateTime } from '../../core/format/format-date-time';
import { ConfirmDialog } from '../components/confirm-dialog';
import { useStore, useWatch } from '../use-store';
import { useT } from '../use-t';

/**
 * Every unfinished application on this phone, newest first, each resumable where it was left; one
 * being written may be deleted after a confirmation. A finalised one is in the outbox, not here.
 */
export function DraftsScreen() {
  const { t, pick, locale } = useT();
  const store = useStore();
  const drafts = useWatch((s) => s.queries.drafts, []);
  const services = useWatch((s) => s.queries.catalogue, []);
  const [asked, setAsked] = useState<{ id: string; name: string } | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const sorted = [...(drafts ?? [])].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  const remove = async () => {
    if (!asked || !store) return;
    const { id, name } = asked;
    setAsked(null);
    const deleted = await store.deleteDraft(id);
    setNote(t(deleted ? 'drafts.deleted' : 'drafts.notDeleted', { service: name }));
    // Its card and button are gone: the person is put back at the top of the list, where the note is.
    heading.current?.focus();
  };
  return (
    <div class="drafts">
      <h1 ref={heading} tabIndex={-1}>{t('drafts.title')}</h1>
      <p>{t('drafts.intro')} <a href="/profile">{t('nav.profile')}</a></p>
      <p role="status" data-testid="drafts-note">{note}</p>
      {drafts?.length === 0 ? <p>{t('drafts.empty')}</p> : null}
      <ul class="cards" data-testid="drafts-list">
        {sorted.map((draft) => {
          const service = services?.find((s) => s.id === draft.serviceId);
          const name = service ? pick(service.name) : draft.serviceId;
          return (
            <li class="card" key={draft.id} data-testid="draft-item" data-id={draft.id}>
              <h2>{name}</h2>
              <p class="muted">{t('drafts.updated', { time: formatDateTime(draft.updatedAt, locale) })}</p>
              <p class="muted">{t('drafts.answered', { number: Object.keys(draft.answers).length })}</p>
              {draft.serverProblems?.length ? <p class="field-error">{t('drafts.returned')}</p> : null}
              {service && draft.formVersion < service.formVersion ? <p>{t('drafts.oldForm')}</p> : null}
              <div class="card-actions">
                <a href={`/services/${draft.serviceId}?draft=${draft.id}`} aria-label={`${t('drafts.resume')}: ${name}`}>{t('drafts.resume')}</a>
                {isDeletable(draft) ? (
                  <button type="button" class="quiet" aria-label={`${t('drafts.delete')}: ${name}`} disabled={!store}
                    onClick={() => { setNote(null); setAsked({ id: draft.id, name }); }}>{t('drafts.delete')}</button>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
      {asked ? (
        <ConfirmDialog title={t('drafts.deleteTitle')} text={t('drafts.deleteText', { service: asked.name })}
          confirm={t('drafts.deleteConfirm')} cancel={t('drafts.deleteCancel')} onConfirm={() => void remove()} onCancel={() => setAsked(null)} />
      ) : null}
    </div>
  );
}
