import { useEffect, useState } from 'preact/hooks';
import { onUpgradeFailure, upgradeFailure } from '../../services/upgrade-failure-signal';
import { useT } from '../use-t';

/**
 * Says plainly when this version could not upgrade the phone's database: what still waits is kept
 * and sent from here, with a button to send it now; or, when even that could not be opened, that
 * nothing was deleted.
 */
export function UpgradeFailedNotice() {
  const { t } = useT();
  const [failure, setFailure] = useState(upgradeFailure);
  useEffect(() => onUpgradeFailure(() => setFailure(upgradeFailure())), []);
  if (!failure) return null;
  let message: string;
  if (!failure.reachable) message = t('upgrade.unreachable');
  else if (failure.waiting === 0) message = t('upgrade.failedNothing');
  else message = t('upgrade.failed', { count: failure.waiting });
  return (
    <div class="banner error" role="alert" data-testid="upgrade-failed-notice" data-waiting={failure.waiting}>
      <p>{message}</p>
      {failure.sendNow && failure.waiting > 0
        ? <button type="button" onClick={() => void failure.sendNow?.()}>{t('outbox.sendNow')}</button> : null}
    </div>
  );
}
