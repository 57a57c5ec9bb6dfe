import { useEffect, useRef, useState } from 'preact/hooks';
import { holdDraft, type DraftHold } from '../core/drafts/hold-draft';

/**
 * Whether this tab edits the draft (core/drafts/hold-draft): true, false when another tab has it,
 * null while asking. A browser without Web Locks edits in every tab, as before them.
 */
export function useDraftHold(draftId: string | null | undefined): { holds: boolean | null; takeOver: () => void } {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  const [holds, setHolds] = useState<boolean | null>(null);
  const hold = useRef<DraftHold | null>(null);
  useEffect(() => {
    if (!draftId || !locks) return undefined;
    setHolds(null);
    const claim = holdDraft(locks, draftId, setHolds);
    hold.current = claim;
    return () => {
      claim.release();
      hold.current = null;
    };
  }, [draftId, locks]);
  return { holds: draftId && locks ? holds : true, takeOver: () => hold.current?.takeOver() };
}
