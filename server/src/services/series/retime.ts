/**
 * Edits of a series reach only steps not yet sent: each active enrollment moves to the first
 * step, in the new order, it has not been sent (`nextStepAfterEdit`), due its delay after the
 * enrollment. One UPDATE per series, a CASE over the old `nextStep`, so every enrollment is
 * placed from where it stood before the edit. See docs/architecture.md, "Series".
 */
import type { Knex } from 'knex';
import { TABLES } from '../../constants';
import type { Dialect } from '../../database/connection';
import { enrolledPlusMinutesSql } from './due-at';
import { nextStepAfterEdit, type StoredStep } from './steps';

export async function retimeEnrollments(
  trx: Knex.Transaction,
  dialect: Dialect,
  seriesId: number,
  before: StoredStep[],
  after: StoredStep[],
): Promise<void> {
  if (before.length === 0) return;
  const dueAt = enrolledPlusMinutesSql(dialect);
  const due: string[] = [];
  const dueBindings: number[] = [];
  const state: string[] = [];
  const stateBindings: number[] = [];
  const next: string[] = [];
  const nextBindings: number[] = [];
  before.forEach((_, k) => {
    const target = nextStepAfterEdit(before, after, k);
    const done = target >= after.length;
    due.push(done ? 'when ? then null' : `when ? then ${dueAt}`);
    dueBindings.push(k, ...(done ? [] : [after[target].delayMinutes]));
    state.push(`when ? then ${done ? "'done'" : "'active'"}`);
    stateBindings.push(k);
    next.push('when ? then ?');
    nextBindings.push(k, done ? k : target);
  });
  // MySQL assigns left to right, each seeing the columns already set: `next_step` goes last.
  await trx(TABLES.seriesEnrollments)
    .where({ series_id: seriesId, state: 'active' })
    .update({
      next_due_at: trx.raw(`case next_step ${due.join(' ')} else next_due_at end`, dueBindings),
      state: trx.raw(`case next_step ${state.join(' ')} else state end`, stateBindings),
      next_step: trx.raw(`case next_step ${next.join(' ')} else next_step end`, nextBindings),
    });
}
