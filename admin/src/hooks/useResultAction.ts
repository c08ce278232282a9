import { useState } from 'react';
import { useAsyncAction } from './useAsyncAction';

/** A button's request and its latest answer, cleared while it runs again ("Test connection", "Check the domain"). */
export function useResultAction<T>(request: () => Promise<T>) {
  const { isRunning, run } = useAsyncAction();
  const [result, setResult] = useState<T | null>(null);
  const start = () =>
    run(async () => {
      setResult(null);
      setResult(await request());
    });
  return { isRunning, result, start };
}
