import { useLocation } from 'preact-iso';
import { CitizenNeeded } from '../components/citizen-needed';
import { HandoverPanel } from '../components/handover-panel';
import { NextSteps } from '../components/next-steps';
import { NotifyPrompt } from '../components/notify-prompt';
import { OutboxBacklog } from '../components/outbox-backlog';
import { OutboxItemCard } from '../components/outbox-item-card';
import { StorageUse } from '../components/storage-use';
import { useOnline } from '../use-online';
import { useStore, useWatch } from '../use-store';
import { useT } from '../use-t';

/**
 * Every application this phone has finalised, its state in plain words, and its receipt number;
 * apart, the applications it carries for others from hand-over files, with nothing of theirs but "delivered".
 */
export function OutboxScreen() {
  const { t, pick } = useT();
  const { query } = useLocation();
  const store = useStore();
  const items = useWatch((s) => s.queries.outbox, []);
  const residentsWaiting = useWatch((s) => s.queries.residentsWaiting, []);
  const services = useWatch((s) => s.queries.catalogue, []);
  const online = useOnline();
  const nameOf = (serviceId: string) => {
    const service = services?.find((s) => s.id === serviceId);
    return service ? pick(service.name) : serviceId;
  };
  const pending = items?.some((i) => i.state === 'queued' || i.state === 'sending' || i.state === 'blocked');
  // Someone else's applications this phone only carries (hand-over files) are listed apart, never as the person's own.
  const own = items?.filter((i) => !i.carried);
  const carried = items?.filter((i) => i.carried) ?? [];
  // "Saved" only beside the application it speaks of: after a lock, or for another resident, the address may outlive it.
  const savedItem = query.saved === undefined ? undefined : own?.find((i) => i.id === query.saved);
  const saved = savedItem !== undefined;
  const savedService = savedItem && services?.find((s) => s.id === savedItem.serviceId);
  const citizen = useWatch((s) => s.queries.citizen, []);
  // Saved for a service that needs a signed-in citizen, with nobody signed in: said before the server refuses it.
  const waitsForSignIn = savedItem && savedService?.identity === 'required' && !savedItem.citizen && !savedItem.delegation
    && citizen?.state !== 'signed-in' && savedItem.state !== 'delivered';
  return (
    <>
      <h1>{t('outbox.title')}</h1>
      {saved ? <p class="banner success" role="status">{t('outbox.savedNotice')}</p> : null}
      {waitsForSignIn ? <section class="banner" data-testid="citizen-first-send"><CitizenNeeded text={t('session:citizen.firstSend')} /></section> : null}
      {saved ? <NotifyPrompt /> : null}
      {savedService ? <NextSteps service={savedService} /> : null}
      {residentsWaiting ? (
        <p class="banner" role="status" data-testid="residents-waiting">
          {t('outbox.residentsWaiting', { count: residentsWaiting })} <a href="/residents">{t('outbox.chooseResident')}</a>
        </p>
      ) : null}
      {pending ? <button type="button" onClick={() => void store?.sendNow({ unblock: true })}>{t('outbox.sendNow')}</button> : null}
      {own ? <OutboxBacklog items={own} /> : null}
      {own?.length === 0 ? <p>{t('outbox.empty')}</p> : null}
      <ul class="cards" data-testid="outbox-list">
        {own?.map((item) => <OutboxItemCard key={item.id} item={item} serviceName={nameOf(item.serviceId)} online={online} />)}
      </ul>
      {carried.length > 0 ? (
        <section class="carried" aria-labelledby="carried-title" data-testid="carried-list">
          <h2 id="carried-title">{t('outbox.carried.title')}</h2>
          <p>{t('outbox.carried.intro')}</p>
          <ul class="cards">
            {carried.map((item) => <OutboxItemCard key={item.id} item={item} serviceName={nameOf(item.serviceId)} online={online} />)}
          </ul>
        </section>
      ) : null}
      {items ? <HandoverPanel items={items} nameOf={nameOf} /> : null}
      {store ? <StorageUse store={store} refreshKey={items?.length} /> : null}
    </>
  );
}
