import { useEffect, useRef, useState } from 'preact/hooks';
import { formatNumber } from '../../core/format/format-number';
import { normalizeInput } from '../../core/script/normalize-input';
import { useT } from '../use-t';

/** A screen reader hears the count once typing pauses this long, not at every keystroke (GOV.UK waits a second). */
const ANNOUNCE_AFTER_MS = 1_000;
/**
 * A one-line answer shows its count once this share of the limit is used (GOV.UK's threshold): "60
 * characters remaining" under every name was noise at 360 px. Below it the count is still read with the field.
 */
const SHOW_FROM_SHARE = 0.75;

interface Props {
  id: string;
  text: string;
  limit: number;
  /** Shown from the start (a multi-line answer), not only near the limit. */
  always: boolean;
}

/**
 * GOV.UK's character count under a field with a limit: how many characters are left, or how many
 * too many, counted as the validator counts them (the text as it will be sent). The field takes
 * more than the limit, so nothing pasted is cut without a word; Continue then says the limit.
 */
export function CharacterCount({ id, text, limit, always }: Props) {
  const { t, locale } = useT();
  const used = normalizeInput(text).length;
  const left = limit - used;
  const shown = always || used >= limit * SHOW_FROM_SHARE;
  const count = Math.abs(left);
  const words = t(left >= 0 ? 'form.count.remaining' : 'form.count.over', { count, n: formatNumber(count, locale) });
  const [heard, setHeard] = useState('');
  // Said only after typing: on focus the count is read with the field (aria-describedby).
  const said = useRef(words);
  useEffect(() => {
    if (words === said.current) return;
    said.current = words;
    const timer = setTimeout(() => setHeard(words), ANNOUNCE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [words]);
  return (
    <>
      <p class={!shown ? 'visually-hidden' : left >= 0 ? 'hint char-count' : 'field-error char-count'} id={id} aria-hidden="true">{words}</p>
      <p class="visually-hidden" aria-live="polite">{heard}</p>
    </>
  );
}
