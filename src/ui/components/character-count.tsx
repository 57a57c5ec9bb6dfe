import { useEffect, useRef, useState } from 'preact/hooks';
import { formatNumber } from '../../core/format/format-number';
import { normalizeInput } from '../../core/script/normalize-input';
import { useT } from '../use-t';

/** A screen reader hears the count once typing pauses this long, not at every keystroke (GOV.UK waits a second). */
const ANNOUNCE_AFTER_MS = 1_000;

interface Props {
  id: string;
  text: string;
  limit: number;
}

/**
 * GOV.UK's character count under a field with a limit: how many characters are left, or how many
 * too many, counted as the validator counts them (the text as it will be sent). The field takes
 * more than the limit, so nothing pasted is cut without a word; Continue then says the limit.
 */
export function CharacterCount({ id, text, limit }: Props) {
  const { t, locale } = useT();
  const left = limit - normalizeInput(text).length;
  const count = Math.abs(left);
  const words = t(left >= 0 ? 'form.count.remaining' : 'form.count.over', { count, n: formatNumber(count, locale) });
  const [heard, setHeard] = useState('');
  // Said only after typing: on focus the count is read with the field (aria-describedby).
  const shown = useRef(words);
  useEffect(() => {
    if (words === shown.current) return;
    shown.current = words;
    const timer = setTimeout(() => setHeard(words), ANNOUNCE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [words]);
  return (
    <>
      <p class={left >= 0 ? 'hint char-count' : 'field-error char-count'} id={id} aria-hidden="true">{words}</p>
      <p class="visually-hidden" aria-live="polite">{heard}</p>
    </>
  );
}
