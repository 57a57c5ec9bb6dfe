import { useEffect, useRef } from 'preact/hooks';

interface ConfirmDialogProps {
  title: string;
  text: string;
  confirm: string;
  cancel: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * Asks before something that cannot be undone, as a modal dialog: the browser's own <dialog> keeps
 * focus inside it, Escape cancels, and screen readers hear its title and text. The safe choice has
 * the focus first; cancelling puts the focus back where it was.
 */
export function ConfirmDialog({ title, text, confirm, cancel, onConfirm, onCancel }: ConfirmDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    keep.current?.focus();
    return () => {
      if (element?.open) element.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <dialog ref={dialog} class="confirm" aria-labelledby="confirm-title" aria-describedby="confirm-text" data-testid="confirm-dialog"
      onCancel={(e) => { e.preventDefault(); onCancel(); }}>
      <h2 id="confirm-title">{title}</h2>
      <p id="confirm-text">{text}</p>
      <div class="confirm-actions">
        <button type="button" ref={keep} onClick={onCancel}>{cancel}</button>
        <button type="button" class="danger" onClick={onConfirm}>{confirm}</button>
      </div>
    </dialog>
  );
}
