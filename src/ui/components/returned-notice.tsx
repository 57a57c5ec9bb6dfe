import type { DraftRow } from '../../core/db/records';
import { pickMessage } from '../../core/status/pick-message';
import { useT } from '../use-t';

/** Above a form the agency returned for correction: what it said, and that this stays the same application. */
export function ReturnedNotice({ draft }: { draft: DraftRow }) {
  const { t, locale } = useT();
  if (!draft.returned) return null;
  const message = pickMessage(draft.returned.message, locale);
  return (
    <div class="banner" role="status" data-testid="returned-notice">
      <p>{t('status:returnedBanner')}</p>
      {message ? <p data-testid="agency-message"><strong>{t('status:agencyMessage', { message })}</strong></p> : null}
    </div>
  );
}
