import { useState } from 'react';
import type { BulkActionInput } from '../../../server/src/contracts';
import { useSegmentActions } from '../api/segments';
import { datedCsvName, download } from '../utils/download';
import { useNotify } from './useNotify';

/** A bulk action the server has counted and that waits for the admin's yes. */
export interface PendingBulkAction {
  input: BulkActionInput;
  count: number;
}

/**
 * A bulk action in two steps, as the server wants it: ask how many people it touches (nothing
 * changes), then run it with `confirm` set to that number, so it never touches more than was shown.
 * An export's CSV is downloaded.
 */
export function useBulkAction(onDone: () => unknown) {
  const { bulk } = useSegmentActions();
  const { success, failure } = useNotify();
  const [pending, setPending] = useState<PendingBulkAction | null>(null);
  const [isRunning, setRunning] = useState(false);

  const ask = async (input: BulkActionInput) => {
    setRunning(true);
    try {
      const { count } = await bulk({ ...input, confirm: undefined });
      setPending({ input, count });
    } catch (error) {
      failure(error);
    } finally {
      setRunning(false);
    }
  };

  const confirm = async (doneMessage: string) => {
    if (!pending) return;
    setRunning(true);
    try {
      const result = await bulk({ ...pending.input, confirm: pending.count });
      if (result.csv !== undefined) download(new Blob([result.csv], { type: 'text/csv' }), datedCsvName('segment'));
      success(doneMessage);
      await onDone();
    } catch (error) {
      // A 409 says the audience moved since it was counted: the admin asks again and sees the new number.
      failure(error);
    } finally {
      setRunning(false);
      setPending(null);
    }
  };

  return { pending, isRunning, ask, confirm, cancel: () => setPending(null) };
}
