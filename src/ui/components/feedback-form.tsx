import { useState } from 'preact/hooks';
import { FEEDBACK_COMMENT_MAX_CHARS, FEEDBACK_RATINGS, type FeedbackRating } from '../../contract/index';
import type { StatusStore } from '../../services/load-store';
import { useStatusWatch } from '../use-store';
import { useT } from '../use-t';

/**
 * A 1 to 5 rating with an optional comment, about a service or one completed application
 * (so the agency hears how it went). It goes into the outbox, so it works offline and is delivered once; once given, the
 * form gives way to where its feedback stands.
 */
export function FeedbackForm({ store, serviceId, applicationId }: { store: StatusStore; serviceId: string; applicationId: string | null }) {
  const { t } = useT();
  const [id] = useState(() => store.startFeedback());
  const [rating, setRating] = useState<FeedbackRating | null>(null);
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const given = useStatusWatch((s) => s.statusQueries.feedbackGiven, []);
  const about = applicationId ?? serviceId;
  const earlier = given?.find((row) => row.id === id
    || (applicationId ? row.applicationId === applicationId : row.serviceId === serviceId && row.applicationId === null));
  const scope = `feedback-${about}`;

  if (earlier) {
    return (
      <p class="banner success" role="status" data-testid="feedback-done" data-state={earlier.state}>
        {t(earlier.state === 'delivered' ? 'status:feedback.delivered' : 'status:feedback.queued')}
      </p>
    );
  }

  const submit = async (event: Event) => {
    event.preventDefault();
    if (rating === null) return setProblem(t('status:feedback.chooseRating'));
    if ([...comment].length > FEEDBACK_COMMENT_MAX_CHARS) return setProblem(t('status:feedback.tooLong', { max: FEEDBACK_COMMENT_MAX_CHARS }));
    setProblem(null);
    const stored = await store.sendFeedback({ id, serviceId, applicationId, rating, comment });
    if (stored) setProblem(t(`storage.${stored}`));
  };

  return (
    <form class="feedback" onSubmit={(e) => void submit(e)} noValidate data-testid="feedback-form">
      <fieldset aria-describedby={problem ? `${scope}-problem` : undefined}>
        <legend>{t(applicationId ? 'status:feedback.titleApplication' : 'status:feedback.title')}</legend>
        {problem ? <p class="field-error" id={`${scope}-problem`} role="alert">{problem}</p> : null}
        <p class="muted">{t('status:feedback.rating')}</p>
        {FEEDBACK_RATINGS.map((value) => (
          <label key={value} class="choice">
            <input type="radio" name={`${scope}-rating`} value={value} checked={rating === value} onChange={() => setRating(value)} />
            {' '}{t(`status:feedback.stars.${value}`)}
          </label>
        ))}
      </fieldset>
      <label for={`${scope}-comment`}>{t('status:feedback.comment')}</label>
      <p class="muted" id={`${scope}-hint`}>{t('status:feedback.commentHint', { max: FEEDBACK_COMMENT_MAX_CHARS })}</p>
      <textarea id={`${scope}-comment`} aria-describedby={`${scope}-hint`} rows={3} value={comment}
        onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)} />
      <button type="submit">{t('status:feedback.send')}</button>
    </form>
  );
}
