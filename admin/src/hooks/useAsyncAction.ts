import { useCallback, useState } from 'react';
import { useNotify } from './useNotify';

/**
 * Runs a request from a button: `isRunning` while it is under way (for the button's spinner),
 * and the server's reason in a toast when it fails.
 */
export function useAsyncAction() {
  const { failure } = useNotify();
  const [isRunning, setRunning] = useState(false);
  const run = useCallback(
    async (action: () => Promise<unknown>) => {
      setRunning(true);
      try {
        await action();
      } catch (error) {
        failure(error);
      } finally {
        setRunning(false);
      }
    },
    [failure],
  );
  return { isRunning, run };
}
