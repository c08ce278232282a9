import type { RecordedOutcome } from './outbox';

// Outcomes are written back in groups, at most this long after the oldest unwritten one.
const RECORD_EVERY = 50;
const RECORD_WITHIN_MS = 200;

export interface OutcomeWriter {
  /** Queues one outcome; it is written with the next group. */
  add(outcome: RecordedOutcome): void;
  /** Resolves once every queued outcome has been written (or its write has failed). */
  flush(): Promise<void>;
}

/**
 * A write-behind buffer of outcomes: they are written in groups of RECORD_EVERY, or
 * RECORD_WITHIN_MS after the oldest unwritten one, whichever comes first, one group at a time.
 * A write per message would commit once per message, and on SQLite every commit blocks the
 * event loop for its fsync. A failed write is reported to `onError` and not retried: its rows
 * stay `sending` and turn `unknown` when their lease expires (see docs/architecture.md, "At most once").
 */
export function outcomeWriter(
  write: (outcomes: RecordedOutcome[]) => Promise<void>,
  onError: (error: Error) => void,
): OutcomeWriter {
  let pending: RecordedOutcome[] = [];
  let writing: Promise<void> | null = null;
  let soon: NodeJS.Timeout | null = null;

  const writeGroup = (now = false): Promise<void> | null => {
    if (writing || pending.length === 0) return writing;
    if (!now && pending.length < RECORD_EVERY) {
      soon ??= setTimeout(() => {
        soon = null;
        writeGroup(true);
      }, RECORD_WITHIN_MS);
      return null;
    }
    if (soon) clearTimeout(soon);
    soon = null;
    const group = pending;
    pending = [];
    writing = write(group)
      .catch(onError)
      .finally(() => {
        writing = null;
        writeGroup();
      });
    return writing;
  };

  return {
    add(outcome) {
      pending.push(outcome);
      writeGroup();
    },
    async flush() {
      while (writing || pending.length) await writeGroup(true);
    },
  };
}
