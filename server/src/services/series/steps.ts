/**
 * A series' steps as stored in its `steps` JSON column: each step is a campaign sent a number of
 * minutes after the person enrolled. Steps are kept in the order they go out (delays never
 * decrease), and an enrollment's `nextStep` is an index into this array.
 */
import { readJson } from '../../database/json';

export interface StoredStep {
  /** The step's campaign, which holds its content and its report; it is also the step's id. */
  campaignId: number;
  delayMinutes: number;
}

export function readSteps(value: unknown): StoredStep[] {
  const parsed = readJson(value);
  if (!Array.isArray(parsed)) return [];
  return parsed
    .map((step: Partial<StoredStep>) => ({
      campaignId: Number(step?.campaignId),
      delayMinutes: Number(step?.delayMinutes),
    }))
    .filter((step) => Number.isSafeInteger(step.campaignId) && Number.isFinite(step.delayMinutes));
}

/**
 * Where an active enrollment stands once the steps change: the first step, in the new order,
 * that the person has not been sent. `sentCount` is its old `nextStep`: the old steps before it
 * went out. Returns `steps.length` when nothing is left (the enrollment is done).
 * See docs/architecture.md, "Series".
 */
export function nextStepAfterEdit(before: StoredStep[], after: StoredStep[], sentCount: number): number {
  const sent = new Set(before.slice(0, sentCount).map((step) => step.campaignId));
  const index = after.findIndex((step) => !sent.has(step.campaignId));
  return index === -1 ? after.length : index;
}
