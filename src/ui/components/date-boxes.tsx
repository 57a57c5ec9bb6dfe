import { useEffect, useState } from 'preact/hooks';
import { joinDateParts, splitDateParts, type DateParts } from '../../contract/index';
import { useT } from '../use-t';

interface Props {
  /** The day box's id: the one an error summary link and a change link focus. */
  id: string;
  /** The answer path; each box is named after it for the page the server draws. */
  name: string;
  value: string;
  /** Boxes to mark as wrong beside the message. */
  faults: readonly (keyof DateParts)[];
  describedBy: string | undefined;
  /** The person's own birth date: the browser may offer their birthday. */
  ownBirthDate: boolean;
  onChange: (value: string) => void;
}

/** Characters each box is drawn wide for: 2 for day and month, 4 for the year (GOV.UK's widths). */
const BOXES: readonly { part: keyof DateParts; chars: number }[] = [
  { part: 'day', chars: 2 },
  { part: 'month', chars: 2 },
  { part: 'year', chars: 4 },
];

/** Id of a date's month or year box; the day box has the field's own id. */
export function datePartId(id: string, part: keyof DateParts): string {
  return part === 'day' ? id : `${id}-${part}`;
}

/**
 * GOV.UK's memorable date: day, month and year in boxes of their own, typed with the digit keyboard,
 * never a date picker (which showed mm/dd/yyyy in Uzbek and Russian). Each box keeps what was typed;
 * the answer is the ISO date once they make one (joinDateParts), and what they hold until then.
 */
export function DateBoxes({ id, name, value, faults, describedBy, ownBirthDate, onChange }: Props) {
  const { t } = useT();
  const [parts, setParts] = useState(() => splitDateParts(value));
  // A value from elsewhere (the draft opened, a correction read back) replaces the boxes; one they made does not.
  useEffect(() => {
    if (joinDateParts(parts) !== value) setParts(splitDateParts(value));
  }, [value]);
  const type = (part: keyof DateParts, text: string) => {
    const next = { ...parts, [part]: text };
    setParts(next);
    onChange(joinDateParts(next));
  };
  return (
    <div class="date-boxes">
      {BOXES.map(({ part, chars }) => {
        const boxId = datePartId(id, part);
        return (
          <div class={`date-box chars-${chars}`} key={part}>
            <label for={boxId}>{t(`form.date.${part}`)}</label>
            <input type="text" inputMode="numeric" id={boxId} name={`${name}-${part}`} value={parts[part]}
              autocomplete={ownBirthDate ? `bday-${part}` : 'off'} spellcheck={false}
              aria-describedby={describedBy} aria-invalid={faults.includes(part) ? true : undefined}
              class={faults.includes(part) ? 'invalid' : undefined}
              onInput={(e) => type(part, (e.currentTarget as HTMLInputElement).value)} />
          </div>
        );
      })}
    </div>
  );
}
