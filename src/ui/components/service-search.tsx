import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ServiceEntry } from '../../contract/index';
import { loadWorkerBridge } from '../../services/load-catalogue-store';
import { useT } from '../use-t';
import { ServiceList } from './service-list';

/** The search box: each keystroke goes to the search worker; an answer to an older keystroke is dropped. */
export function ServiceSearch({ services, onQuery }: { services: ServiceEntry[] | undefined; onQuery: (active: boolean) => void }) {
  const { t } = useT();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<{ list: ServiceEntry[]; similar: Set<string> } | null>(null);
  const pending = useRef<AbortController | null>(null);
  const byId = useMemo(() => new Map((services ?? []).map((s) => [s.id, s])), [services]);

  useEffect(() => {
    if (services) void loadWorkerBridge().then((bridge) => bridge.setSearchCatalogue(services));
  }, [services]);

  const search = async (text: string) => {
    setQuery(text);
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
      list: found.map((hit) => byId.get(hit.id)).filter((s): s is ServiceEntry => Boolean(s)),
      similar: new Set(found.filter((hit) => hit.tier === 'typo' || hit.tier.startsWith('loose')).map((hit) => hit.id)),
    });
  };

  return (
    <div class="service-search" role="search">
      <label for="service-search">{t('catalogue:search.label')}</label>
      <p class="hint" id="service-search-hint">{t('catalogue:search.hint')}</p>
      <input id="service-search" type="search" value={query} autocomplete="off" spellcheck={false}
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
