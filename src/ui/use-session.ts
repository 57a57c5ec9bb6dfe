import { useEffect, useState } from 'preact/hooks';
import { onSessionChange, sessionView, type SessionView } from '../services/session-signal';

/** Who the app works for right now and whether it is locked (a shared phone); re-renders on change. */
export function useSession(): SessionView {
  const [view, setView] = useState(sessionView);
  useEffect(() => {
    setView(sessionView());
    return onSessionChange(setView);
  }, []);
  return view;
}
