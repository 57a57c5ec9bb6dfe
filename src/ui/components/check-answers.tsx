import {
  computedValue, isFieldShown, itemPath, type Answers, type FieldDefinition, type FormDefinition, type GroupItem,
  type Scope, type SoatoList,
} from '../../contract/index';
import { useT } from '../use-t';
import { answerText } from './answer-text';

interface Props {
  form: FormDefinition;
  answers: Answers;
  scope: Scope;
  soato: SoatoList;
  /** Steps shown to this person, by index into form.sections. */
  steps: number[];
  /** Where a change link goes: the step and the answer path; absent on the submitted summary. */
  changeHref?: (step: number, path: string) => string;
}

/** GOV.UK's "check your answers": every shown answer under its step, each with a change link. */
export function CheckAnswers({ form, answers, scope, soato, steps, changeHref }: Props) {
  const { t, pick, locale } = useT();
  const words = { yes: t('form.check.agreed'), photo: t('form.photoKept') };
  const row = (field: FieldDefinition, value: Answers[string] | number | null | undefined, path: string, step: number, fieldScope: Scope) => {
    const text = field.kind === 'computed' ? answerText(field, computedValue(field, fieldScope), soato, locale, words) : answerText(field, value, soato, locale, words);
    return (
      <div class="summary-row" key={path}>
        <dt>{pick(field.label)}</dt>
        <dd data-testid={`answer-${path}`}>{text || <span class="muted">{t('form.check.notAnswered')}</span>}</dd>
        {changeHref && field.kind !== 'computed' ? (
          <dd class="change">
            <a href={changeHref(step, path)}>{t('form.check.change')}<span class="visually-hidden"> {pick(field.label)}</span></a>
          </dd>
        ) : null}
      </div>
    );
  };
  return (
    <>
      {steps.map((step) => {
        const section = form.sections[step]!;
        return (
          <section key={section.id} aria-labelledby={`check-${section.id}`}>
            <h2 id={`check-${section.id}`}>{pick(section.title)}</h2>
            <dl class="summary-list">
              {section.fields.filter((f) => isFieldShown(f, scope)).flatMap((field) => {
                if (field.kind !== 'group') return [row(field, answers[field.id], field.id, step, scope)];
                const items = Array.isArray(answers[field.id]) ? (answers[field.id] as GroupItem[]) : [];
                if (items.length === 0) return [row(field, '', field.id, step, scope)];
                return items.flatMap((item, index) => {
                  const inner = scope.item(item);
                  const heading = t('form.itemNumber', { item: pick(field.itemLabel), number: index + 1 });
                  return [
                    <div class="summary-row item-heading" key={`${field.id}.${index}`}><dt>{heading}</dt></div>,
                    ...field.fields.filter((f) => isFieldShown(f, inner)).map((f) => row(f, item[f.id], itemPath(field.id, index, f.id), step, inner)),
                  ];
                });
              })}
            </dl>
          </section>
        );
      })}
    </>
  );
}
