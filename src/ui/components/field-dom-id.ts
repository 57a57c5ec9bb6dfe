/** The DOM id of an answer's control: `field-children-0-childName` for the path `children.0.childName`. */
export function fieldDomId(path: string): string {
  return `field-${path.replace(/\./g, '-')}`;
}
