import { useEffect, useState } from 'preact/hooks';
import { parseAttachmentRef } from '../contract/index';
import { useStore } from './use-store';

/**
 * An object URL of the image an answer points at (`sha256:…`), for a thumbnail; null while it is
 * read, when it is not an image, or not on this phone. The URL is revoked when the answer changes
 * or the screen goes: each one holds the image's memory.
 */
export function useAttachmentUrl(ref: string): string | null {
  const store = useStore();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const sha256 = parseAttachmentRef(ref);
    if (!store || !sha256) return;
    let made: string | null = null;
    let live = true;
    void store.readAttachment(sha256).then((blob) => {
      if (!live || !blob || !blob.type.startsWith('image/')) return;
      made = URL.createObjectURL(blob);
      setUrl(made);
    });
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
      setUrl(null);
    };
  }, [store, ref]);
  return url;
}
