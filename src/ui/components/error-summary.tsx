import { useEffect, useRef } from 'preact/hooks';
import type { FieldProblem } from '../../contract/validate-answers';
import { useT } from '../use-t';

/** GOV.UK's error summary: every problem at the top, each a link to its field, focused on show. */
export function ErrorSummary({ problems, labelOf }: { problems: FieldProblem[]; labelOf: (field: string) => string }) {
  const { t } = useT();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => { box.current?.focus(); }, [problems]);
  return (
    <div class="error-summary" role="alert" tabIndex={-1} ref={box} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t('form.errorSummaryTitle')}</h2>
      <ul>
        {problems.map((p) => (
          <li key={`${p.field}-${p.code}`}>
            <a href={`#field-${p.field}`} onClick={(e) => { e.preventDefault(); document.getElementById(`field-${p.field}`)?.focus(); }}>
              {labelOf(p.field)}: {t(`validation.${p.code}`)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
