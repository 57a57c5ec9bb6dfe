import { useEffect, useState } from 'preact/hooks';
import type { Locale } from '../../contract/locales';
import { formatNumber } from '../../core/format/format-number';
import type { Store } from '../../services/load-store';
import { useT } from '../use-t';

type Use = Awaited<ReturnType<Store['storageUse']>>;

const mb = (bytes: number, locale: Locale) => formatNumber(bytes / 1_000_000, locale, { maximumFractionDigits: 1 });

/** How much of the phone's space Xizmat uses, and whether the browser may evict it. */
export function StorageUse({ store, refreshKey }: { store: Store; refreshKey: unknown }) {
  const { t, locale } = useT();
  const [use, setUse] = useState<Use>(null);
  useEffect(() => { void store.storageUse().then(setUse); }, [store, refreshKey]);
  if (!use) return null;
  return (
    <p class="muted" data-testid="storage-use">
      {t('outbox.storage', { used: t('units.mb', { value: mb(use.usage, locale) }), quota: t('units.mb', { value: mb(use.quota, locale) }) })}{' '}
      {use.persisted ? t('outbox.persisted') : t('outbox.notPersisted')}
    </p>
  );
}
