import { useEffect, useRef } from 'preact/hooks';

/**
 * A `<details>` menu that closes as a menu does: on a choice inside it, on Escape (focus back on its
 * summary), and on a tap elsewhere. Without script (a page the server rendered, before the app takes
 * it over) it still opens and closes by its summary.
 */
export function useDisclosure() {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const details = ref.current;
    if (!details) return;
    const close = () => { details.open = false; };
    const onPointer = (e: Event) => { if (details.open && !details.contains(e.target as Node)) close(); };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || !details.open) return;
      close();
      details.querySelector('summary')?.focus();
    };
    const onChoice = (e: Event) => { if ((e.target as Element).closest('a, button')) close(); };
    document.addEventListener('pointerdown', onPointer);
    details.addEventListener('keydown', onKey);
    details.addEventListener('click', onChoice);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      details.removeEventListener('keydown', onKey);
      details.removeEventListener('click', onChoice);
    };
  }, []);
  return ref;
}
