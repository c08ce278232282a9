import type { SegmentCondition, SegmentField, SegmentGroup, SegmentOperator } from '../../../../server/src/contracts';
import type { Translate } from '../../utils/useT';

/**
 * What a condition's value is typed into: none (`exists`), a select (status, list, a sent campaign
 * or any), a date, a number of days, a number or text.
 */
export type ValueKind = 'none' | 'status' | 'list' | 'campaign' | 'days' | 'date' | 'number' | 'text';

/** What `notOpenedDays` starts with: a month. */
const DEFAULT_DAYS = 30;

/** The operators the server accepts for each field (its whitelist), in the order offered. */
const OPERATORS: Record<SegmentField, SegmentOperator[]> = {
  status: ['eq', 'ne'],
  locale: ['eq', 'ne', 'exists', 'notExists'],
  email: ['eq', 'ne', 'contains'],
  createdAt: ['gte', 'lt'],
  confirmedAt: ['gte', 'lt', 'exists', 'notExists'],
  attribute: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'contains', 'exists', 'notExists'],
  list: ['inList', 'notInList'],
  engagement: ['opened', 'notOpened', 'clicked', 'notClicked', 'notOpenedDays'],
};

export const FIELDS = Object.keys(OPERATORS) as SegmentField[];

export const operatorsFor = (field: SegmentField) => OPERATORS[field];

const NO_VALUE: SegmentOperator[] = ['exists', 'notExists'];

/** The input a condition's value needs; an attribute's is the kind its value already has. */
export function valueKind(condition: SegmentCondition): ValueKind {
  if (NO_VALUE.includes(condition.operator)) return 'none';
  switch (condition.field) {
    case 'status':
      return 'status';
    case 'list':
      return 'list';
    case 'engagement':
      return condition.operator === 'notOpenedDays' ? 'days' : 'campaign';
    case 'createdAt':
    case 'confirmedAt':
      return 'date';
    case 'attribute':
      return typeof condition.value === 'number' ? 'number' : 'text';
    default:
      return 'text';
  }
}

/** A condition on a newly chosen field: its first operator and an empty value of the right kind. */
export function conditionFor(field: SegmentField): SegmentCondition {
  const operator = OPERATORS[field][0];
  if (field === 'status') return { field, operator, value: 'subscribed' };
  if (field === 'attribute') return { field, path: '', operator, value: '' };
  // Any campaign until one is picked.
  if (field === 'engagement') return { field, operator, value: null };
  return { field, operator, value: '' };
}

/** Keeps the value when the new operator takes one, drops it when it does not. */
export function withOperator(condition: SegmentCondition, operator: SegmentOperator): SegmentCondition {
  if (NO_VALUE.includes(operator)) return { ...condition, operator, value: null };
  if (condition.field === 'engagement') {
    // A campaign id and a number of days are different values: switching between them starts afresh.
    const wasDays = condition.operator === 'notOpenedDays';
    if (operator === 'notOpenedDays')
      return { ...condition, operator, value: wasDays ? condition.value : DEFAULT_DAYS };
    return { ...condition, operator, value: wasDays ? null : (condition.value ?? null) };
  }
  return { ...condition, operator, value: condition.value ?? '' };
}

export const isGroup = (item: SegmentCondition | SegmentGroup): item is SegmentGroup => 'conditions' in item;

export const emptyRules = (): SegmentGroup => ({ match: 'all', conditions: [conditionFor('status')] });

export function fieldLabel(t: Translate, field: SegmentField): string {
  const labels: Record<SegmentField, string> = {
    status: t('segments.field.status', 'Status'),
    locale: t('segments.field.locale', 'Language'),
    email: t('segments.field.email', 'Email'),
    createdAt: t('segments.field.createdAt', 'Created'),
    confirmedAt: t('segments.field.confirmedAt', 'Confirmed'),
    attribute: t('segments.field.attribute', 'Attribute'),
    list: t('segments.field.list', 'List membership'),
    engagement: t('segments.field.engagement', 'Engagement'),
  };
  return labels[field];
}

/** Dates read as before/after; everything else as comparisons. */
export function operatorLabel(t: Translate, operator: SegmentOperator, kind: ValueKind): string {
  if (kind === 'date') {
    if (operator === 'gte') return t('segments.op.onOrAfter', 'is on or after');
    if (operator === 'lt') return t('segments.op.before', 'is before');
  }
  const labels: Record<SegmentOperator, string> = {
    eq: t('segments.op.eq', 'is'),
    ne: t('segments.op.ne', 'is not'),
    gt: t('segments.op.gt', 'is more than'),
    gte: t('segments.op.gte', 'is at least'),
    lt: t('segments.op.lt', 'is less than'),
    lte: t('segments.op.lte', 'is at most'),
    contains: t('segments.op.contains', 'contains'),
    in: t('segments.op.in', 'is one of'),
    exists: t('segments.op.exists', 'is set'),
    notExists: t('segments.op.notExists', 'is not set'),
    inList: t('segments.op.inList', 'is subscribed to'),
    notInList: t('segments.op.notInList', 'is not subscribed to'),
    opened: t('segments.op.opened', 'opened'),
    notOpened: t('segments.op.notOpened', 'did not open'),
    clicked: t('segments.op.clicked', 'clicked a link in'),
    notClicked: t('segments.op.notClicked', 'clicked no link in'),
    notOpenedDays: t('segments.op.notOpenedDays', 'opened nothing in the last (days)'),
  };
  return labels[operator];
}
