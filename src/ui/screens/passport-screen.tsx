import { useEffect } from 'preact/hooks';
import type { PassportField } from '../../contract/index';
import { FeedbackForm } from '../components/feedback-form';
import { NextSteps } from '../components/next-steps';
import { kilobytes, useCatalogue, useCatalogueStore } from '../use-catalogue';
import { useStatusStore } from '../use-store';
import { useT } from '../use-t';
import { ScreenLoading } from '../components/screen-loading';

/** A service passport: everything to know before applying, offline, with illustrative facts marked. */
export function PassportScreen({ id }: { id: string }) {
  const { t, pick } = useT();
  const store = useCatalogueStore();
  const statusStore = useStatusStore();
  const service = useCatalogue((s) => s.catalogueQueries.service(id), [id]);
  // null until the service is known: an empty list would claim the form is here before anyone looked.
  const missing = useCatalogue((s) => (d) => (service ? s.catalogueQueries.missingForms([service])(d) : Promise.resolve(null)), [id, service?.formVersion]);

  useEffect(() => {
    if (!store || !service) return;
    void store.recordUse(service.id);
    void store.fetchFormIfMissing(service.id);
  }, [store, service?.id]);

  if (service === null) return <p>{t('catalogue:passport.notFound')}</p>;
  if (!service) return <ScreenLoading />;
  const illustrative = new Set<PassportField>(service.provenance.illustrative);
  const mark = (field: PassportField) => (illustrative.has(field) ? <span class="example-mark">{t('catalogue:passport.illustrativeMark')}</span> : null);
  const yesNo = (value: boolean) => t(value ? 'catalogue:passport.yes' : 'catalogue:passport.no');
  const formOnDevice = Array.isArray(missing) && missing.length === 0;

  return (
    <article class="passport">
      <h1>{pick(service.name)}</h1>
      <p>{pick(service.summary)} {mark('summary')}</p>
      {illustrative.size ? <p class="banner" data-testid="illustrative-notice">{t('catalogue:passport.illustrative')}</p> : null}
      <a class="apply" href={`/services/${service.id}`}>{t('catalogue:passport.apply')}</a>
      <p class="muted" data-testid="form-status">
        {formOnDevice ? t('catalogue:passport.formReady') : t('catalogue:passport.formMissing', { size: t('catalogue:size.kb', { value: kilobytes(service.formBytes) }) })}
      </p>
      <dl>
        <dt>{t('catalogue:passport.applicants')} {mark('applicants')}</dt><dd>{pick(service.applicants)}</dd>
        <dt>{t('catalogue:passport.documents')} {mark('documents')}</dt>
        <dd><ul>{service.documents.map((doc, i) => <li key={i}>{pick(doc)}</li>)}</ul></dd>
        <dt>{t('catalogue:passport.fee')} {mark('fee')}</dt><dd>{pick(service.fee)}</dd>
        <dt>{t('catalogue:passport.term')} {mark('term')}</dt><dd>{pick(service.term)}</dd>
        <dt>{t('catalogue:passport.agency')} {mark('agency')}</dt><dd>{pick(service.agency)}</dd>
        <dt>{t('catalogue:passport.legalBasis')} {mark('legalBasis')}</dt><dd>{pick(service.legalBasis)}</dd>
        <dt>{t('catalogue:passport.automated')} {mark('automated')}</dt><dd>{yesNo(service.automated)}</dd>
        <dt>{t('catalogue:passport.onBehalf')} {mark('onBehalf')}</dt><dd>{yesNo(service.onBehalf)}</dd>
      </dl>
      <NextSteps service={service} />
      {service.portalId ? <p class="muted">{t('catalogue:passport.portalId', { id: service.portalId })}</p> : null}
      {service.provenance.sources.length ? (
        <details>
          <summary>{t('catalogue:passport.sources')}</summary>
          <ul>{service.provenance.sources.map((source) => <li key={source} lang="en">{source}</li>)}</ul>
        </details>
      ) : null}
      {statusStore ? <section class="feedback-section"><FeedbackForm store={statusStore} serviceId={service.id} applicationId={null} /></section> : null}
    </article>
  );
}
