import { useEffect } from 'preact/hooks';
import { useCatalogueStore } from '../use-catalogue';
import { useFormPage } from '../use-form-page';
import { useT } from '../use-t';
import { FormScreen } from './form-screen';

/** A form by its link: drawn at once when the page or the phone has it, downloaded first otherwise. */
export function FormRoute({ id }: { id: string }) {
  const { t } = useT();
  const store = useCatalogueStore();
  const { state, retryNow } = useFormPage(id);
  useEffect(() => {
    if (store && state.kind === 'ready') void store.recordUse(id);
  }, [store, id, state.kind]);

  if (state.kind === 'ready') return <FormScreen service={state.page.service} current={state.page.form} />;
  if (state.kind === 'missing') return <p role="alert">{t('form.download.missing')}</p>;
  if (state.kind === 'offline') return <p class="banner" role="status" data-testid="form-download">{t('form.download.offline')}</p>;
  return (
    <div class="form-download" data-testid="form-download">
      <p role="status">
        {state.failures === 0
          ? t('form.download.loading')
          : state.retryInMs === null
            ? t('form.download.retrying', { count: state.failures })
            : t('form.download.waiting', { count: state.failures, seconds: Math.ceil(state.retryInMs / 1000) })}
      </p>
      {state.failures > 0 ? <button type="button" onClick={retryNow}>{t('form.download.retryNow')}</button> : null}
    </div>
  );
}
