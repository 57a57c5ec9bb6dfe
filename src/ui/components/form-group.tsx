import { isFieldRequired, isFieldShown, itemPath, type Answers, type FieldProblem, type GroupField, type GroupItem, type Scope, type SoatoList } from '../../contract/index';
import { useT } from '../use-t';
import { fieldDomId } from './field-dom-id';
import { FormField } from './form-field';

interface Props {
  group: GroupField;
  items: GroupItem[];
  answers: Answers;
  scope: Scope;
  soato: SoatoList;
  problems: FieldProblem[];
  required: boolean;
  /** Gets a change to apply to the latest items: a render may lag behind the last keystroke. */
  onChange: (update: (items: GroupItem[]) => GroupItem[]) => void;
}

/** A repeatable group: each item's questions under a numbered heading, with add and remove buttons. */
export function FormGroup({ group, items, answers, scope, soato, problems, required, onChange }: Props) {
  const { t, pick } = useT();
  const own = problems.find((p) => p.field === group.id);
  const id = fieldDomId(group.id);
  const setItem = (index: number, field: string, value: GroupItem[string]) =>
    onChange((latest) => latest.map((item, i) => (i === index ? { ...item, [field]: value } : item)));
  const itemName = pick(group.itemLabel);
  return (
    <fieldset class={`field group${own ? ' has-error' : ''}`} aria-describedby={own ? `${id}-error` : undefined}>
      <legend id={`${id}-legend`}>{pick(group.label)}{required ? null : <span class="muted"> {t('form.optional')}</span>}</legend>
      {group.hint ? <p class="hint">{pick(group.hint)}</p> : null}
      {own ? <p class="field-error" id={`${id}-error`}>{t(`validation.${own.code}`)}</p> : null}
      {items.map((item, index) => {
        const inner = scope.item(item);
        const label = t('form.itemNumber', { item: itemName, number: index + 1 });
        return (
          <fieldset class="group-item" key={index} data-testid={`group-item-${group.id}`}>
            <legend>{label}</legend>
            {group.fields.filter((f) => isFieldShown(f, inner)).map((field) => {
              const path = itemPath(group.id, index, field.id);
              return (
                <FormField key={path} field={field} path={path} answers={{ ...answers, ...item }} soato={soato}
                  required={isFieldRequired(field, inner)} problem={problems.find((p) => p.field === path)}
                  onChange={(value) => setItem(index, field.id, value)} />
              );
            })}
            <button type="button" onClick={() => onChange((latest) => latest.filter((_, i) => i !== index))}>
              {t('form.removeItem', { item: label })}
            </button>
          </fieldset>
        );
      })}
      {items.length < group.maxItems ? (
        <button type="button" id={id} onClick={() => onChange((latest) => [...latest, {}])}>{t('form.addItem', { item: itemName })}</button>
      ) : <p class="muted" id={id} tabIndex={-1}>{t('form.itemsFull', { count: group.maxItems })}</p>}
    </fieldset>
  );
}
