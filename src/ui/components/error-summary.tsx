import { useEffect, useRef } from 'preact/hooks';
import type { FieldProblem } from '../../contract/validate-answers';
import { useT } from '../use-t';
import { fieldDomId } from './field-dom-id';

interface Props {
  problems: FieldProblem[];
  labelOf: (field: string) => string;
  /** Where a problem's link goes when its field is on another step; the field on this page otherwise. */
  hrefOf?: (field: string) => string;
}

/** GOV.UK's error summary: every problem at the top, each a link to its field, focused on show. */
export function ErrorSummary({ problems, labelOf, hrefOf }: Props) {
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
              <a href={hrefOf(p.field)}>{labelOf(p.field)}: {t(`validation.${p.code}`)}</a>
            ) : (
              <a href={`#${fieldDomId(p.field)}`} onClick={(e) => { e.preventDefault(); document.getElementById(fieldDomId(p.field))?.focus(); }}>
                {labelOf(p.field)}: {t(`validation.${p.code}`)}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
