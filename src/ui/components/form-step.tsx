import {
  computedValue, isFieldRequired, isFieldShown, type Answers, type FieldProblem, type FormSection, type GroupItem,
  type ScalarAnswer, type Scope, type SoatoList,
} from '../../contract/index';
import { useT } from '../use-t';
import { answerText } from './answer-text';
import { FormField } from './form-field';
import { FormGroup } from './form-group';

interface Props {
  section: FormSection;
  answers: Answers;
  scope: Scope;
  soato: SoatoList;
  problems: FieldProblem[];
  /** A group's change comes as an update of its latest items. */
  onChange: (field: string, value: ScalarAnswer | ((items: GroupItem[]) => GroupItem[])) => void;
  onFile: (field: string, file: File) => void;
  onRemove: (field: string) => void;
  photoNotes: Record<string, string>;
}

/** One step of a form: its shown questions, groups and computed values, in order. */
export function FormStep({ section, answers, scope, soato, problems, onChange, onFile, onRemove, photoNotes }: Props) {
  const { t, locale } = useT();
  return (
    <>
      {section.fields.filter((f) => isFieldShown(f, scope)).map((field) => {
        const required = isFieldRequired(field, scope);
        if (field.kind === 'group') {
          const items = Array.isArray(answers[field.id]) ? (answers[field.id] as GroupItem[]) : [];
          return (
            <FormGroup key={field.id} group={field} items={items} answers={answers} scope={scope} soato={soato}
              problems={problems} required={required} onChange={(update) => onChange(field.id, update)} />
          );
        }
        const computed = field.kind === 'computed'
          ? answerText(field, computedValue(field, scope), soato, locale, { yes: '', photo: '' }) : undefined;
        const photoNote = field.kind === 'photo' || field.kind === 'file'
          ? photoNotes[field.id] ?? (answers[field.id] ? t('form.photoKept') : undefined) : undefined;
        return (
          <FormField key={field.id} field={field} answers={answers} soato={soato} required={required}
            problem={problems.find((p) => p.field === field.id)} computed={computed}
            onChange={(v) => onChange(field.id, v)} onFile={(file) => onFile(field.id, file)} onRemove={() => onRemove(field.id)} photoNote={photoNote} />
        );
      })}
    </>
  );
}
