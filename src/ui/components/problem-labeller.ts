import { fieldsById, formFields, type FormDefinition } from '../../contract/index';

/** Labels for problem paths: a field's own label, or "Child 2: Birth date" inside a group. */
export function problemLabeller(form: FormDefinition, pick: (text: FormDefinition['sections'][number]['title']) => string, itemLabel: (item: string, number: number) => string) {
  const byId = fieldsById(form);
  const top = new Map(formFields(form).map((f) => [f.id, f]));
  return (path: string) => {
    const [head, index, inner] = path.split('.');
    const group = top.get(head!);
    const field = byId.get(inner ?? head!);
    if (!field) return path;
    if (group?.kind === 'group' && inner !== undefined) return `${itemLabel(pick(group.itemLabel), Number(index) + 1)}: ${pick(field.label)}`;
    return pick(field.label);
  };
}
