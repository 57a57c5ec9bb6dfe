import { PrepareOffline } from '../components/prepare-offline';
import { useCatalogue } from '../use-catalogue';
import { useT } from '../use-t';
import { ScreenLoading } from '../components/screen-loading';

/** For field staff: take whole categories' forms offline before going where there is no network. */
export function OfflineScreen() {
  const { t, pick } = useT();
  const categories = useCatalogue((s) => s.catalogueQueries.categories, []);
  const services = useCatalogue((s) => s.catalogueQueries.services, []);
  if (!categories || !services) return <ScreenLoading />;
  return (
    <>
      <h1>{t('catalogue:offline.title')}</h1>
      <p>{t('catalogue:offline.intro')}</p>
      <PrepareOffline id="all" title={t('catalogue:offline.all')} services={services} />
      {categories.map((category) => (
        <PrepareOffline key={category.id} id={category.id} title={pick(category.name)}
          services={services.filter((s) => s.category === category.id)} />
      ))}
    </>
  );
}
