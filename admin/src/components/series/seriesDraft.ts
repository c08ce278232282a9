import type { Series, SeriesInput, SeriesTrigger } from '../../../../server/src/contracts';
import { type DelayUnit, fromMinutes, toMinutes } from './delays';

/** A step as the form holds it: the delay in the unit the admin chose, kept while they type. */
export interface StepDraft {
  id?: number;
  amount: number;
  unit: DelayUnit;
  subject: string;
}

export interface SeriesDraft {
  name: string;
  listId: number | null;
  trigger: SeriesTrigger;
  provider: string | null;
  steps: StepDraft[];
}

/** A new series starts with a welcome message at once. */
export function seriesDraft(series?: Series): SeriesDraft {
  if (!series) return { name: '', listId: null, trigger: 'confirmed', provider: null, steps: [newStep(0, 'minutes')] };
  return {
    name: series.name,
    listId: series.list?.id ?? null,
    trigger: series.trigger,
    provider: series.provider,
    steps: series.steps.map((step) => ({ id: step.id, subject: step.subject, ...fromMinutes(step.delayMinutes) })),
  };
}

export const newStep = (amount: number, unit: DelayUnit): StepDraft => ({ amount, unit, subject: '' });

export const canSaveSeries = (draft: SeriesDraft) =>
  Boolean(draft.name.trim()) && draft.listId !== null && draft.steps.every((step) => step.subject.trim());

/** What the API takes; a step keeps its id so its campaign and history stay. */
export function toSeriesInput(draft: SeriesDraft): SeriesInput {
  return {
    name: draft.name.trim(),
    listId: draft.listId ?? 0,
    trigger: draft.trigger,
    provider: draft.provider || null,
    steps: draft.steps.map(({ id, amount, unit, subject }) => ({
      ...(id ? { id } : {}),
      delayMinutes: toMinutes(amount, unit),
      subject: subject.trim(),
    })),
  };
}
