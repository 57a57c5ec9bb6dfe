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
  return (
    <div class="form-download">
      <h1>{t('form.download.title')}</h1>
      {state.kind === 'missing' ? <p role="alert" data-testid="form-download">{t('form.download.missing')}</p>
        : state.kind === 'offline' ? <p class="banner" role="status" data-testid="form-download">{t('form.download.offline')}</p>
          : <FormDownloading failures={state.failures} retryInMs={state.retryInMs} retryNow={retryNow} />}
    </div>
  );
}

/** The form is on its way: what is happening, and after a failure, when it tries again and a button to try now. */
function FormDownloading({ failures, retryInMs, retryNow }: { failures: number; retryInMs: number | null; retryNow: () => void }) {
  const { t } = useT();
  return (
    <div data-testid="form-download">
      <p role="status">
        {failures === 0
          ? t('form.download.loading')
          : retryInMs === null
            ? t('form.download.retrying', { count: failures })
            : t('form.download.waiting', { count: failures, seconds: Math.ceil(retryInMs / 1000) })}
      </p>
      {failures > 0 ? <button type="button" onClick={retryNow}>{t('form.download.retryNow')}</button> : null}
    </div>
  );
}
