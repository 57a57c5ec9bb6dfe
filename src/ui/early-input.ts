// Main bundle: what a person typed into the server's page before the app took it over.

/** Values of named controls, by name: text as typed, a radio's value, every ticked checkbox's value. */
type EarlyInput = Map<string, string[]>;

let kept: EarlyInput = new Map();

/**
 * Reads every filled control under `root` (text, selects, ticked boxes and radios) just before the
 * app renders over the server's HTML, so nothing typed while the scripts arrived is lost.
 */
export function captureEarlyInput(root: ParentNode): void {
  kept = new Map();
  for (const element of root.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input[name], select[name], textarea[name], input#service-search')) {
    const name = element.name || element.id;
    const ticked = element instanceof HTMLInputElement && (element.type === 'checkbox' || element.type === 'radio');
    if (element instanceof HTMLInputElement && element.type === 'file') continue;
    if (ticked ? !(element as HTMLInputElement).checked : element.value === '') continue;
    kept.set(name, [...(kept.get(name) ?? []), element.value]);
  }
}

/** The values typed into the named control before the app took over; each is handed out once. */
export function takeEarlyInput(name: string): string[] | undefined {
  const values = kept.get(name);
  kept.delete(name);
  return values;
}
