import { useEffect, useRef } from 'preact/hooks';
import type { FieldKind, FieldProblem } from '../../contract/index';
import { useT } from '../use-t';
import { fieldDomId } from './field-dom-id';
import { problemKey } from './problem-key';

interface Props {
  problems: FieldProblem[];
  labelOf: (field: string) => string;
  /** The kind of the question at a path, for the words of its message ("choose", not "enter"). */
  kindOf?: (field: string) => FieldKind | undefined;
  /** Where a problem's link goes when its field is on another step; the field on this page otherwise. */
  hrefOf?: (field: string) => string;
}

/** GOV.UK's error summary: every problem at the top, each a link to its field, focused on show. */
export function ErrorSummary({ problems, labelOf, kindOf, hrefOf }: Props) {
  const { t } = useT();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => { box.current?.focus(); }, [problems]);
  return (
    <div class="error-summary" role="alert" tabIndex={-1} ref={box} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t('form.errorSummaryTitle')}</h2>
      <ul>
        {problems.map((p) => (
          <li key={`${p.field}-${p.code}`}>
            {hrefOf ? (
              <a href={hrefOf(p.field)}>{labelOf(p.field)}: {t(problemKey(p.code, kindOf?.(p.field)))}</a>
            ) : (
              <a href={`#${fieldDomId(p.field)}`} onClick={(e) => { e.preventDefault(); document.getElementById(fieldDomId(p.field))?.focus(); }}>
                {labelOf(p.field)}: {t(problemKey(p.code, kindOf?.(p.field)))}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
