import { render } from 'preact';
import { act } from 'preact/test-utils';

/**
 * Runs a hook inside a component that draws nothing, so its state and effects run in Node without
 * a DOM: Preact only touches the document to create elements, and this component creates none.
 * `document` must still exist (a stub will do): render() compares its root with it.
 */
export function renderHook<T>(hook: () => T): { result: { current: T }; unmount: () => void } {
  const result = {} as { current: T };
  function Probe() {
    result.current = hook();
    return null;
  }
  const root = { childNodes: [], firstChild: null, namespaceURI: null } as unknown as Element;
  act(() => render(<Probe />, root));
  return { result, unmount: () => act(() => render(null, root)) };
}
