import type {
  DigestSchedule,
  PublishRule,
  PublishRuleCondition,
  PublishRuleEachAction,
  PublishRuleInput,
  PublishRuleMode,
} from '../../../server/src/contracts';
import { browserTimeZone } from './zonedTime';

/** A condition while it is typed: the value stays text until the rule is saved. */
export interface ConditionDraft {
  field: string;
  operator: PublishRuleCondition['operator'];
  value: string;
}

/** The rule form's values: every field it shows, none optional. */
export interface RuleDraft {
  name: string;
  contentType: string;
  conditions: ConditionDraft[];
  template: string;
  lists: number[];
  provider: string | null;
  mode: PublishRuleMode;
  eachAction: PublishRuleEachAction;
  delayMinutes: string;
  digest: Required<DigestSchedule>;
}

const DEFAULT_DIGEST: Required<DigestSchedule> = {
  frequency: 'weekly',
  time: '09:00',
  timezone: 'UTC',
  weekday: 1,
  dayOfMonth: 1,
};

const conditionText = (value: PublishRuleCondition['value']) =>
  Array.isArray(value) ? value.join(', ') : String(value);

export function toDraft(rule?: PublishRule): RuleDraft {
  return {
    name: rule?.name ?? '',
    contentType: rule?.contentType ?? '',
    conditions: (rule?.conditions ?? []).map((condition) => ({ ...condition, value: conditionText(condition.value) })),
    template: rule?.template ?? '',
    lists: rule?.lists ?? [],
    provider: rule?.provider ?? null,
    mode: rule?.mode ?? 'each',
    eachAction: rule?.eachAction ?? 'draft',
    delayMinutes: String(rule?.delayMinutes ?? 60),
    digest: {
      ...DEFAULT_DIGEST,
      timezone: browserTimeZone(),
      ...rule?.digest,
      weekday: rule?.digest?.weekday ?? DEFAULT_DIGEST.weekday,
      dayOfMonth: rule?.digest?.dayOfMonth ?? DEFAULT_DIGEST.dayOfMonth,
    },
  };
}

/** Text typed for a field of `type` as the value the server compares: numbers and booleans unquoted. */
function typedValue(text: string, type: string): string | number | boolean {
  const trimmed = text.trim();
  if (type === 'boolean') return trimmed === 'true';
  if (['integer', 'biginteger', 'float', 'decimal'].includes(type) && trimmed !== '' && !Number.isNaN(Number(trimmed)))
    return Number(trimmed);
  return trimmed;
}

/** The request body; `fieldType` names each field's attribute type, to send numbers as numbers. */
export function toInput(draft: RuleDraft, fieldType: (field: string) => string): PublishRuleInput {
  const conditions = draft.conditions
    .filter((condition) => condition.field)
    .map(({ field, operator, value }): PublishRuleCondition => {
      const type = fieldType(field);
      if (operator !== 'in') return { field, operator, value: typedValue(value, type) };
      const items = value
        .split(',')
        .map((item) => typedValue(item, type))
        .filter((item): item is string | number => typeof item !== 'boolean' && item !== '');
      return { field, operator, value: items };
    });
  const { weekday, dayOfMonth, ...schedule } = draft.digest;
  const isDigest = draft.mode === 'digest';
  return {
    name: draft.name.trim(),
    contentType: draft.contentType,
    conditions,
    template: draft.template,
    lists: draft.lists,
    provider: draft.provider || null,
    mode: draft.mode,
    // A digest sends no eachAction at all: the server refuses a null one.
    ...(isDigest ? {} : { eachAction: draft.eachAction }),
    delayMinutes: !isDigest && draft.eachAction === 'delay' ? Number(draft.delayMinutes) : null,
    digest: isDigest
      ? {
          ...schedule,
          weekday: schedule.frequency === 'weekly' ? weekday : null,
          dayOfMonth: schedule.frequency === 'monthly' ? dayOfMonth : null,
        }
      : null,
  };
}

/** Whether Save may be pressed; the server checks the rest and names what is wrong. */
export function canSaveDraft(draft: RuleDraft): boolean {
  const basics = Boolean(draft.name.trim() && draft.contentType && draft.template && draft.lists.length > 0);
  if (draft.mode === 'digest') return basics && /^\d{2}:\d{2}$/.test(draft.digest.time);
  if (draft.eachAction === 'delay') return basics && Number(draft.delayMinutes) >= 1;
  return basics;
}
