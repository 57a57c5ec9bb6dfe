import { PrepareOffline } from '../components/prepare-offline';
import { ServiceList } from '../components/service-list';
import { useCatalogue } from '../use-catalogue';
import { useT } from '../use-t';
import { ScreenLoading } from '../components/screen-loading';

/** One category: its services, and its forms to take offline. */
export function CategoryScreen({ id }: { id: string }) {
  const { t, pick } = useT();
  const categories = useCatalogue((s) => s.catalogueQueries.categories, []);
  const services = useCatalogue((s) => s.catalogueQueries.services, []);
  if (!categories || !services) return <ScreenLoading />;
  const category = categories.find((c) => c.id === id);
  if (!category) return <p>{t('catalogue:category.notFound')}</p>;
  const inCategory = services.filter((s) => s.category === id);
  return (
    <>
      <h1>{pick(category.name)}</h1>
      <ServiceList services={inCategory} testId="category-services" />
      <PrepareOffline id={id} title={t('catalogue:offline.title')} services={inCategory} />
    </>
  );
}
