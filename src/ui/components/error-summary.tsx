import { useEffect, useRef } from 'preact/hooks';
import type { FieldProblem } from '../../contract/index';
import { useT } from '../use-t';
import { fieldDomId } from './field-dom-id';
import { problemMessage, type ProblemField } from './problem-key';

interface Props {
  problems: FieldProblem[];
  labelOf: (field: string) => string;
  /** The question at a path, for the words of its message ("choose", not "enter"; the limit of "too long"). */
  fieldOf?: (field: string) => ProblemField | undefined;
  /** Where a problem's link goes when its field is on another step; the field on this page otherwise. */
  hrefOf?: (field: string) => string;
}

/** GOV.UK's error summary: every problem at the top, each a link to its field, focused on show. */
export function ErrorSummary({ problems, labelOf, fieldOf, hrefOf }: Props) {
  const { t, locale } = useT();
  const message = (p: FieldProblem) => t(...problemMessage(p.code, fieldOf?.(p.field), locale));
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => { box.current?.focus(); }, [problems]);
  return (
    <div class="error-summary" role="alert" tabIndex={-1} ref={box} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t('form.errorSummaryTitle')}</h2>
      <ul>
        {problems.map((p) => (
          <li key={`${p.field}-${p.code}`}>
            {hrefOf ? (
              <a href={hrefOf(p.field)}>{labelOf(p.field)}: {message(p)}</a>
            ) : (
              <a href={`#${fieldDomId(p.field)}`} onClick={(e) => { e.preventDefault(); document.getElementById(fieldDomId(p.field))?.focus(); }}>
                {labelOf(p.field)}: {message(p)}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
