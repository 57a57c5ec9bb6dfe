// Main bundle: the first screen. Dexie, the search worker and Comlink load after first paint.
import { useState } from 'preact/hooks';
import type { ServiceSummary } from '../../contract/index';
import { seededHome } from '../../services/page-seed';
import { NeedsAction } from '../components/needs-action';
import { ServiceList } from '../components/service-list';
import { ServiceSearch } from '../components/service-search';
import { SyncStatus } from '../components/sync-status';
import { useCatalogue } from '../use-catalogue';
import { useT } from '../use-t';

/** How many recently and most used services the home screen lists. */
const SHORTLIST = 5;

/**
 * Search first; then the person's recent and most used services, popular ones, and every category.
 * On a first visit the lists come with the page (the server drew it from the same data) until the
 * catalogue is on the phone.
 */
export function HomeScreen() {
  const { t, pick } = useT();
  const stored = useCatalogue((s) => s.catalogueQueries.services, []);
  const storedCategories = useCatalogue((s) => s.catalogueQueries.categories, []);
  const usage = useCatalogue((s) => s.catalogueQueries.usage, []);
  const seeded = seededHome();
  const services: ServiceSummary[] | undefined = stored?.length ? stored : seeded?.services ?? stored;
  const categories = storedCategories?.length ? storedCategories : seeded?.categories ?? storedCategories;
  const [searching, setSearching] = useState(false);
  const byId = new Map((services ?? []).map((s) => [s.id, s]));
  const pickServices = (ids: string[]) => ids.map((id) => byId.get(id)).filter((s): s is ServiceSummary => Boolean(s)).slice(0, SHORTLIST);
  const recent = pickServices([...(usage ?? [])].sort((a, b) => b.lastUsedAt.localeCompare(a.lastUsedAt)).map((u) => u.serviceId));
  const mostUsed = pickServices([...(usage ?? [])].filter((u) => u.count > 1).sort((a, b) => b.count - a.count).map((u) => u.serviceId));
  const popular = (services ?? []).filter((s) => s.featured);
  const counts = new Map<string, number>();
  for (const s of services ?? []) counts.set(s.category, (counts.get(s.category) ?? 0) + 1);

  return (
    <>
      <h1>{t('home.title')}</h1>
      <NeedsAction />
      <SyncStatus listed={Boolean(stored?.length)} />
      <ServiceSearch services={services} onQuery={setSearching} />
      {services === undefined ? <p>{t('home.loading')}</p> : null}
      {searching ? null : (
        <>
          {recent.length ? <section aria-labelledby="recent"><h2 id="recent">{t('catalogue:home.recent')}</h2><ServiceList services={recent} testId="recent" /></section> : null}
          {mostUsed.length ? <section aria-labelledby="most-used"><h2 id="most-used">{t('catalogue:home.mostUsed')}</h2><ServiceList services={mostUsed} testId="most-used" /></section> : null}
          {popular.length ? <section aria-labelledby="popular"><h2 id="popular">{t('catalogue:home.popular')}</h2><ServiceList services={popular} /></section> : null}
          {categories?.length ? (
            <section aria-labelledby="categories">
              <h2 id="categories">{t('catalogue:home.categories')}</h2>
              <ul class="category-list" data-testid="categories">
                {categories.map((category) => (
                  <li key={category.id}>
                    <a href={`/categories/${category.id}`}>{pick(category.name)}</a>
                    <span class="muted"> {t('catalogue:home.servicesCount', { count: counts.get(category.id) ?? 0 })}</span>
                  </li>
                ))}
              </ul>
              <p><a href="/offline">{t('catalogue:home.prepare')}</a></p>
            </section>
          ) : null}
        </>
      )}
    </>
  );
}
