import { useEffect, useState } from 'react';
import type { SegmentGroup } from '../../../server/src/contracts';
import { useSegmentActions } from '../api/segments';
import { useErrorMessage } from './useErrorMessage';

/** Long enough to let a word be typed, short enough to feel live. */
const DEBOUNCE_MS = 400;

export interface LiveCount {
  count: number | null;
  /** The server's reason the rules are refused (a 400), shown in place of the count. */
  error: string | null;
  isCounting: boolean;
}

/**
 * The number of people the unsaved rules select, asked again (debounced) each time they change;
 * an answer for rules since replaced is cancelled, so the count always belongs to what is shown.
 */
export function useLiveSegmentCount(rules: SegmentGroup): LiveCount {
  const { countRules } = useSegmentActions();
  const errorMessage = useErrorMessage();
  const [state, setState] = useState<LiveCount>({ count: null, error: null, isCounting: true });
  const key = JSON.stringify(rules);

  useEffect(() => {
    const controller = new AbortController();
    setState((current) => ({ ...current, isCounting: true }));
    const timer = setTimeout(async () => {
      try {
        const count = await countRules(JSON.parse(key) as SegmentGroup, controller.signal);
        if (!controller.signal.aborted) setState({ count, error: null, isCounting: false });
      } catch (failure) {
        if (!controller.signal.aborted) setState({ count: null, error: errorMessage(failure), isCounting: false });
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key, countRules, errorMessage]);

  return state;
}
