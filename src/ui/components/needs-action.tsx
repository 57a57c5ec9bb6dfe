import { needingAction, type NeedingAction } from '../../core/status/needing-action';
import { useStatusWatch, useWatch } from '../use-store';
import { useT } from '../use-t';
import { fieldDomId } from './field-dom-id';

/** What each reason says, and the words of its way forward. */
const LABEL: Record<NeedingAction['reason'], string> = {
  returned: 'status:status.returned',
  refused: 'status:status.rejected',
  pay: 'status:status.awaiting_payment',
  correct: 'status:action.correct',
  blocked: 'outbox.state.blocked',
  held: 'outbox.state.quarantined',
  identity: 'session:citizen.needed',
};
const GO: Record<NeedingAction['reason'], string> = {
  returned: 'status:correct',
  refused: 'status:action.seeWhy',
  pay: 'status:invoice.how',
  correct: 'status:action.fix',
  blocked: 'status:action.openOutbox',
  held: 'status:action.openOutbox',
  identity: 'session:citizen.signIn',
};

/**
 * Where each way forward leads: a returned application to its answers with the agency's message
 * (the agency names no question), a mistake the server found to that very question, a fee to the
 * application's own screen, which opens with how to pay it, the rest to the screen that explains them.
 */
function hrefOf(action: NeedingAction): string {
  const draft = `/services/${action.serviceId}?draft=${action.id}`;
  switch (action.reason) {
    case 'returned': return `${draft}&step=check`;
    case 'correct': return action.field ? `${draft}#${fieldDomId(action.field)}` : '/outbox';
    case 'refused': return '/applications';
    case 'pay': return `/submitted/${action.id}`;
    // Signing in starts from the profile, where what it gives is explained.
    case 'identity': return '/profile';
    default: return '/outbox';
  }
}

/** On the home screen: each application that waits for its person, with the way to what it needs. */
export function NeedsAction() {
  const { t, pick } = useT();
  const items = useStatusWatch((s) => s.statusQueries.applications, []);
  const statuses = useStatusWatch((s) => s.statusQueries.statuses, []);
  const services = useWatch((s) => s.queries.catalogue, []);
  if (!items || !statuses) return null;
  const actions = needingAction(items, statuses);
  if (actions.length === 0) return null;
  const nameOf = (serviceId: string) => {
    const service = services?.find((s) => s.id === serviceId);
    return service ? pick(service.name) : serviceId;
  };
  return (
    <section class="card needs-action" aria-labelledby="needs-action" data-testid="needs-action">
      <h2 id="needs-action">{t('status:action.title')}</h2>
      <ul>
        {actions.map((action) => (
          <li key={action.id} data-reason={action.reason}>
            <strong>{nameOf(action.serviceId)}</strong>
            <span> {t(LABEL[action.reason])}</span>{' '}
            <a href={hrefOf(action)}>{t(GO[action.reason])}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
