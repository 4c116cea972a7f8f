import { useRef, useState } from 'react';

/**
 * State that key handlers read at its latest value. Keys that arrive before React re-renders (a
 * paste, a fast typist, a loaded machine or a slow SSH link) must each see what the one before
 * changed: a handler that read the value of its render would drop all but the last of them.
 * Returns the value to render, the setter, and the ref the handlers read.
 */
export function useLatestState<T>(
  initial: T | (() => T),
): [T, (next: T) => void, { readonly current: T }] {
  const [value, setValue] = useState<T>(initial);
  const latest = useRef<T>(value);
  const set = (next: T) => {
    latest.current = next;
    setValue(() => next);
  };
  return [value, set, latest];
}
