import type { AttachmentField } from '../../contract/index';
import { useAttachmentUrl } from '../use-attachment-url';
import { useT } from '../use-t';

interface Props {
  field: AttachmentField;
  id: string;
  name: string;
  /** The answer: `sha256:…` of what is attached, '' when nothing is. */
  value: string;
  describedBy: string | undefined;
  invalid: boolean;
  note: string | undefined;
  onFile: ((file: File) => void) | undefined;
  onRemove: (() => void) | undefined;
}

/**
 * A photo or document question: the app's own button in the person's language (the browser's file
 * control says "Choose File" in its own), a thumbnail of what is attached, and Replace and Remove.
 * The file input stays in the page, visually hidden but focusable, so an error summary link and
 * the keyboard reach it; its label is the button.
 */
export function AttachmentInput({ field, id, name, value, describedBy, invalid, note, onFile, onRemove }: Props) {
  const { t } = useT();
  const photo = field.kind === 'photo';
  const attached = value !== '';
  const thumbnail = useAttachmentUrl(value);
  const choose = attached ? (photo ? 'form.attach.replacePhoto' : 'form.attach.replaceFile') : photo ? 'form.attach.takePhoto' : 'form.attach.chooseFile';
  return (
    <div class="attach">
      {thumbnail ? <img class="thumbnail" src={thumbnail} alt={t('form.attach.thumbnail')} data-testid={`thumbnail-${field.id}`} /> : null}
      {note ? <p class="muted" role="status" data-testid={`photo-note-${field.id}`}>{note}</p> : null}
      <div class="attach-actions">
        <input type="file" class="visually-hidden" id={id} name={name} aria-describedby={describedBy} aria-invalid={invalid ? true : undefined}
          {...(photo ? { accept: 'image/*', capture: 'environment' } : { accept: field.accept.join(',') })}
          onChange={(e) => {
            const input = e.currentTarget as HTMLInputElement;
            const file = input.files?.[0];
            if (file) onFile?.(file);
            // Picking the same file again after Remove must fire change again.
            input.value = '';
          }} />
        <label for={id} class="button">{t(choose)}</label>
        {attached && onRemove ? <button type="button" class="quiet" onClick={onRemove}>{t(photo ? 'form.attach.removePhoto' : 'form.attach.removeFile')}</button> : null}
      </div>
    </div>
  );
}
