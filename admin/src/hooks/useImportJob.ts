import { useEffect, useState } from 'react';
import { useAudienceActions } from '../api/audience';
import type { ImportJob } from '../../../server/src/contracts';

const POLL_MS = 500;

/** Follows an import while it runs; the job is read from the server until it ends. */
export function useImportJob(started: ImportJob | null) {
  const { importProgress } = useAudienceActions();
  const [job, setJob] = useState<ImportJob | null>(started);

  useEffect(() => {
    setJob(started);
    if (!started) return undefined;
    let stopped = false;
    const poll = async () => {
      if (stopped) return;
      try {
        const next = await importProgress(started.id);
        if (stopped) return;
        setJob(next);
        if (next.status === 'running') setTimeout(poll, POLL_MS);
      } catch {
        if (!stopped) setTimeout(poll, POLL_MS * 4);
      }
    };
    const timer = setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [started, importProgress]);

  return job;
}
