import { formatDateTime } from '../../core/format/format-date-time';
import { useWatch } from '../use-store';
import { useT } from '../use-t';

/** Every unfinished application on this phone, newest first, each resumable where it was left. */
export function DraftsScreen() {
  const { t, pick, locale } = useT();
  const drafts = useWatch((s) => s.queries.drafts, []);
  const services = useWatch((s) => s.queries.catalogue, []);
  const sorted = [...(drafts ?? [])].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return (
    <div class="drafts">
      <h1>{t('drafts.title')}</h1>
      <p>{t('drafts.intro')} <a href="/profile">{t('nav.profile')}</a></p>
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
              <a href={`/services/${draft.serviceId}?draft=${draft.id}`} aria-label={`${t('drafts.resume')}: ${name}`}>{t('drafts.resume')}</a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
