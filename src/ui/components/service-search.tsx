import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ServiceSummary } from '../../contract/index';
import { loadWorkerBridge } from '../../services/load-catalogue-store';
import { takeEarlyInput } from '../early-input';
import { useT } from '../use-t';
import { ServiceList } from './service-list';

/**
 * The search box: each keystroke goes to the search worker; an answer to an older keystroke is dropped.
 * The box keeps its own text (not state): a keystroke re-renders nothing until its results arrive,
 * so on a slow phone the answer is not kept waiting behind a render of the last results.
 */
export function ServiceSearch({ services, onQuery }: { services: ServiceSummary[] | undefined; onQuery: (active: boolean) => void }) {
  const { t } = useT();
  // Typed into the server's page before the app took over: searched once the list is at hand.
  const [typedEarly] = useState(() => takeEarlyInput('service-search')?.[0] ?? '');
  const query = useRef(typedEarly);
  const [hits, setHits] = useState<{ list: ServiceSummary[]; similar: Set<string> } | null>(null);
  const pending = useRef<AbortController | null>(null);
  const byId = useMemo(() => new Map((services ?? []).map((s) => [s.id, s])), [services]);

  useEffect(() => {
    if (services) void loadWorkerBridge().then((bridge) => bridge.setSearchCatalogue(services));
  }, [services]);
  useEffect(() => {
    if (services && query.current && !hits) void search(query.current);
  }, [Boolean(services)]);

  const search = async (text: string) => {
    query.current = text;
    onQuery(text.trim() !== '');
    pending.current?.abort();
    if (!text.trim() || !services) {
      setHits(null);
      return;
    }
    const controller = new AbortController();
    pending.current = controller;
    const bridge = await loadWorkerBridge();
    bridge.setSearchCatalogue(services);
    const found = await bridge.searchServices(text, { signal: controller.signal });
    if (!found) return;
    setHits({
      list: found.map((hit) => byId.get(hit.id)).filter((s): s is ServiceSummary => Boolean(s)),
      similar: new Set(found.filter((hit) => hit.tier === 'typo' || hit.tier.startsWith('loose')).map((hit) => hit.id)),
    });
  };

  return (
    <div class="service-search" role="search">
      <label for="service-search">{t('catalogue:search.label')}</label>
      <p class="hint" id="service-search-hint">{t('catalogue:search.hint')}</p>
      <input id="service-search" type="search" defaultValue={typedEarly} autocomplete="off" spellcheck={false}
        aria-describedby="service-search-hint" onInput={(e) => void search((e.target as HTMLInputElement).value)}
        onFocus={() => { if (services) void loadWorkerBridge().then((bridge) => { bridge.setSearchCatalogue(services); void bridge.warmSearch(); }); }} />
      {hits ? (
        <div data-testid="search-results">
          <p class="muted" role="status">
            {hits.list.length ? t('catalogue:search.results', { count: hits.list.length }) : t('catalogue:search.none')}
          </p>
          <ServiceList services={hits.list} similar={hits.similar} />
        </div>
      ) : null}
    </div>
  );
}
