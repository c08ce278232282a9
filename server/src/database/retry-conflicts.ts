import { isUniqueViolation } from './unique-violation';

/**
 * True for the errors a database gives one of two transactions that collided and asks it to run
 * again: a deadlock (MariaDB's gap locks on `SELECT … FOR UPDATE` of a row that does not exist
 * yet, PostgreSQL's detector) or a serialization failure.
 */
export function isTransientConflict(error: unknown): boolean {
  const { code, errno } = (error ?? {}) as { code?: unknown; errno?: unknown };
  return code === 'ER_LOCK_DEADLOCK' || errno === 1213 || code === '40P01' || code === '40001';
}

/**
 * Runs a transaction again, up to `attempts` times in all, when it lost a collision with a
 * concurrent one: a deadlock, or (with `uniqueToo`) a unique index that a concurrent insert of
 * the same key filled first, which the next attempt reads as an existing row. A request then gets
 * its normal answer instead of a 500.
 */
export async function retryConflicts<T>(run: () => Promise<T>, { attempts = 4, uniqueToo = false } = {}): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      const retryable = isTransientConflict(error) || (uniqueToo && isUniqueViolation(error));
      if (!retryable || attempt >= attempts) throw error;
      // A short random pause, so the two colliders do not meet again at once.
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}
