/**
 * Segment rules as the admin sends them, checked against a whitelist before anything reaches SQL:
 * fields, operators per field, value types per operator, attribute paths, nesting and size. Pure.
 * See docs/architecture.md, "Segments".
 */
import type { SegmentCondition, SegmentField, SegmentGroup, SegmentOperator } from '../../contracts/segments';

/** One part of an attribute path: `attributes.plan`, `attributes.billing.plan`. */
export const PATH_PART = /^[A-Za-z0-9_]{1,64}$/;
export const MAX_PATH_PARTS = 4;
export const MAX_DEPTH = 4;
export const MAX_CONDITIONS = 50;
export const MAX_IN_VALUES = 100;
export const MAX_TEXT = 500;
/** `notOpenedDays` looks back at most ten years. */
export const MAX_DAYS = 3650;

const STATUSES = ['pending', 'subscribed', 'unsubscribed', 'bounced', 'complained'];
const LOCALE = /^[A-Za-z0-9-]{1,35}$/;
// A calendar date or an ISO 8601 time, checked again by Date below.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const COMPARE: SegmentOperator[] = ['gt', 'gte', 'lt', 'lte'];
const PRESENCE: SegmentOperator[] = ['exists', 'notExists'];
/** Engagement operators that name a campaign, or any campaign. */
export const ENGAGED: SegmentOperator[] = ['opened', 'notOpened', 'clicked', 'notClicked'];

/** The operators each field allows. */
export const OPERATORS: Record<SegmentField, SegmentOperator[]> = {
  status: ['eq', 'ne', 'in'],
  locale: ['eq', 'ne', 'in', ...PRESENCE],
  email: ['eq', 'ne', 'contains', 'in'],
  createdAt: COMPARE,
  confirmedAt: [...COMPARE, ...PRESENCE],
  attribute: ['eq', 'ne', 'contains', 'in', ...COMPARE, ...PRESENCE],
  list: ['inList', 'notInList'],
  engagement: [...ENGAGED, 'notOpenedDays'],
};

/** A rule the whitelist refuses; `where` names the condition (`conditions[1].conditions[0]`). */
export class SegmentRuleError extends Error {
  constructor(
    readonly where: string,
    problem: string,
  ) {
    super(`Segment rule ${where}: ${problem}`);
    this.name = 'SegmentRuleError';
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isGroup = (value: Record<string, unknown>) => 'conditions' in value || 'match' in value;

/** A valid date string, to the day or to the millisecond. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value) || Number.isNaN(new Date(value).getTime())) return false;
  // Date rolls 2024-02-30 over to March: the day must survive a round trip.
  const day = value.slice(0, 10);
  return new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day;
}

/** A calendar day `YYYY-MM-DD`: what attribute dates are compared at. */
export const isDay = (value: string) => DAY.test(value);

function checkKeys(value: Record<string, unknown>, allowed: string[], where: string) {
  const unknown = Object.keys(value).filter((key) => !allowed.includes(key));
  if (unknown.length) throw new SegmentRuleError(where, `unknown key(s) ${unknown.join(', ')}`);
}

function checkText(value: unknown, where: string, test?: (text: string) => boolean, what = 'a text'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_TEXT)
    throw new SegmentRuleError(where, `the value must be ${what} of 1 to ${MAX_TEXT} characters`);
  if (test && !test(value)) throw new SegmentRuleError(where, `"${value}" is not ${what}`);
  return value;
}

/** The value a scalar operator compares with, by field. */
function checkScalar(field: SegmentField, operator: SegmentOperator, value: unknown, where: string): void {
  if (field === 'status') {
    checkText(value, where, (text) => STATUSES.includes(text), `a status (${STATUSES.join(', ')})`);
  } else if (field === 'locale') {
    checkText(value, where, (text) => LOCALE.test(text), 'a locale code');
  } else if (field === 'email') {
    checkText(value, where);
  } else if (field === 'createdAt' || field === 'confirmedAt') {
    if (!isIsoDate(value)) throw new SegmentRuleError(where, 'the value must be an ISO 8601 date');
  } else if (COMPARE.includes(operator)) {
    // Attributes compare as numbers or as calendar days, never as text.
    const number = typeof value === 'number' && Number.isFinite(value);
    if (!number && !(typeof value === 'string' && isDay(value) && isIsoDate(value)))
      throw new SegmentRuleError(where, `${operator} compares a number or a date (YYYY-MM-DD)`);
  } else if (operator === 'contains') {
    checkText(value, where);
  } else if (typeof value === 'number' ? !Number.isFinite(value) : typeof value !== 'boolean') {
    checkText(value, where, undefined, 'a text, a number or true/false');
  }
}

const isPositiveId = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) > 0;

/** A campaign id, or null / `any` for any campaign; or a number of days for `notOpenedDays`. */
function checkEngagement(operator: SegmentOperator, value: unknown, where: string): void {
  if (operator === 'notOpenedDays') {
    if (!Number.isSafeInteger(value) || (value as number) < 1 || (value as number) > MAX_DAYS)
      throw new SegmentRuleError(where, `notOpenedDays takes a whole number of days from 1 to ${MAX_DAYS}`);
  } else if (!(value === null || value === 'any' || isPositiveId(value))) {
    throw new SegmentRuleError(where, `${operator} takes a campaign id, or null or "any" for any campaign`);
  }
}

function checkCondition(condition: Record<string, unknown>, where: string): SegmentCondition {
  checkKeys(condition, ['field', 'path', 'operator', 'value'], where);
  const field = condition.field as SegmentField;
  if (typeof field !== 'string' || !(field in OPERATORS))
    throw new SegmentRuleError(where, `unknown field "${String(field)}"; fields: ${Object.keys(OPERATORS).join(', ')}`);
  const operator = condition.operator as SegmentOperator;
  if (!OPERATORS[field].includes(operator))
    throw new SegmentRuleError(
      where,
      `${field} does not take the operator "${String(operator)}"; it takes ${OPERATORS[field].join(', ')}`,
    );
  const { path, value } = condition;
  if (field === 'attribute') {
    const parts = typeof path === 'string' ? path.split('.') : [];
    if (parts.length === 0 || parts.length > MAX_PATH_PARTS || !parts.every((part) => PATH_PART.test(part)))
      throw new SegmentRuleError(
        where,
        `the attribute path must be up to ${MAX_PATH_PARTS} dotted names of letters, digits and _ (64 at most each)`,
      );
  } else if (path !== undefined) {
    throw new SegmentRuleError(where, 'only attribute conditions take a path');
  }
  if (PRESENCE.includes(operator)) {
    if (value !== undefined && value !== null) throw new SegmentRuleError(where, `${operator} takes no value`);
  } else if (field === 'list') {
    if (!isPositiveId(value)) throw new SegmentRuleError(where, 'the value must be a list id');
  } else if (field === 'engagement') {
    checkEngagement(operator, value, where);
  } else if (operator === 'in') {
    if (!Array.isArray(value) || value.length === 0 || value.length > MAX_IN_VALUES)
      throw new SegmentRuleError(where, `in takes a list of 1 to ${MAX_IN_VALUES} values`);
    value.forEach((item, i) => checkScalar(field, 'eq', item, `${where}.value[${i}]`));
  } else {
    checkScalar(field, operator, value, where);
  }
  return {
    field,
    operator,
    ...(path === undefined ? {} : { path: path as string }),
    ...(value === undefined ? {} : { value }),
  } as SegmentCondition;
}

/**
 * The rules, checked and copied without anything the whitelist does not know. Throws a
 * SegmentRuleError naming the first condition in the way.
 */
export function validateRules(rules: unknown): SegmentGroup {
  let count = 0;
  const group = (value: unknown, where: string, depth: number): SegmentGroup => {
    if (!isRecord(value)) throw new SegmentRuleError(where, 'a group must be an object with match and conditions');
    if (depth > MAX_DEPTH) throw new SegmentRuleError(where, `groups nest at most ${MAX_DEPTH} deep`);
    checkKeys(value, ['match', 'not', 'conditions'], where);
    if (value.match !== 'all' && value.match !== 'any')
      throw new SegmentRuleError(where, 'match must be "all" or "any"');
    if (value.not !== undefined && typeof value.not !== 'boolean')
      throw new SegmentRuleError(where, 'not must be true or false');
    if (!Array.isArray(value.conditions)) throw new SegmentRuleError(where, 'conditions must be a list');
    const conditions = value.conditions.map((item: unknown, i: number) => {
      const at = `${where}.conditions[${i}]`;
      if (isRecord(item) && isGroup(item)) return group(item, at, depth + 1);
      if (++count > MAX_CONDITIONS)
        throw new SegmentRuleError(at, `a segment holds at most ${MAX_CONDITIONS} conditions`);
      if (!isRecord(item)) throw new SegmentRuleError(at, 'a condition must be an object');
      return checkCondition(item, at);
    });
    return { match: value.match, ...(value.not ? { not: true } : {}), conditions };
  };
  return group(rules, 'rules', 1);
}

export const isSegmentGroup = (item: SegmentCondition | SegmentGroup): item is SegmentGroup => 'conditions' in item;
