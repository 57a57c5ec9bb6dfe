/** Web Locks name of one draft. WARNING: shared by every tab of every version open at once; never renamed. */
const DRAFT_LOCK_PREFIX = 'xizmat-draft:';

/** This tab's claim on a draft: let go when the form closes; take it from another tab on request. */
export interface DraftHold {
  takeOver(): void;
  release(): void;
}

/**
 * Who edits a draft open in several tabs (or windows of an installed app): the first to open it.
 * Another tab is told it does not hold it (`onChange(false)`), so it shows the draft without
 * editing; it takes the draft over when the first one closes it, or at once with `takeOver()`,
 * which leaves the first tab showing without editing in turn. So one draft never has two editors
 * whose answers cross, or a submit from a tab whose answers another tab replaced.
 */
export function holdDraft(locks: Pick<LockManager, 'request'>, draftId: string, onChange: (holds: boolean) => void): DraftHold {
  const name = DRAFT_LOCK_PREFIX + draftId;
  let ended = false;
  let letGo: (() => void) | null = null;
  let waiting: AbortController | null = null;

  const held = async (lock: Lock | null): Promise<boolean> => {
    if (!lock) return false;
    if (ended) return true;
    onChange(true);
    await new Promise<void>((resolve) => { letGo = resolve; });
    return true;
  };
  // Waits its turn: granted when the tab that holds the draft closes it.
  const queue = () => {
    if (ended) return;
    const controller = new AbortController();
    waiting = controller;
    locks.request(name, { signal: controller.signal }, held).then(() => undefined, () => { if (!controller.signal.aborted) lost(); });
  };
  // Another tab took it over (its request stole the lock).
  const lost = () => {
    letGo = null;
    if (ended) return;
    onChange(false);
    queue();
  };

  locks.request(name, { ifAvailable: true }, held).then((got) => {
    if (got || ended) return;
    onChange(false);
    queue();
  }, lost);

  return {
    takeOver: () => {
      if (ended) return;
      waiting?.abort();
      waiting = null;
      locks.request(name, { steal: true }, held).catch(lost);
    },
    release: () => {
      ended = true;
      waiting?.abort();
      letGo?.();
    },
  };
}
