import { useState } from 'preact/hooks';
import { PIN_DIGITS, isPin } from '../../contract/index';
import { isGuessablePin } from '../../core/vault/guessable-pin';
import { useT } from '../use-t';

/** Two PIN fields (choose, repeat); calls onChosen with a PIN of PIN_DIGITS digits, not an easy guess, typed the same twice. */
export function ChoosePin({ onChosen, busy }: { onChosen: (pin: string) => void; busy: boolean }) {
  const { t } = useT();
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<'format' | 'guessable' | 'mismatch' | null>(null);
  const submit = (event: Event) => {
    event.preventDefault();
    if (!isPin(pin)) return setProblem('format');
    if (isGuessablePin(pin)) return setProblem('guessable');
    if (pin !== again) return setProblem('mismatch');
    setProblem(null);
    onChosen(pin);
  };
  return (
    <form onSubmit={submit} noValidate class="pin-form">
      <p>{t('session:pin.why', { digits: PIN_DIGITS })}</p>
      {problem ? <p class="field-error" role="alert">{t(`session:pin.${problem}`, { digits: PIN_DIGITS })}</p> : null}
      <label class="field">
        {t('session:pin.choose')}
        <input type="password" inputMode="numeric" autocomplete="new-password" maxLength={PIN_DIGITS} value={pin}
          onInput={(e) => setPin((e.target as HTMLInputElement).value)} data-testid="pin-new" />
      </label>
      <label class="field">
        {t('session:pin.repeat')}
        <input type="password" inputMode="numeric" autocomplete="new-password" maxLength={PIN_DIGITS} value={again}
          onInput={(e) => setAgain((e.target as HTMLInputElement).value)} data-testid="pin-repeat" />
      </label>
      <button type="submit" class="primary" disabled={busy}>{t('session:pin.save')}</button>
    </form>
  );
}
