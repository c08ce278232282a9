/**
 * Input of the publish rules admin API, checked for shape here (strict, no unknown keys); what
 * needs the database (the content type, its fields, lists, template, provider) is checked by
 * services/publish-rules/rule-checks.ts.
 */
import { yup } from '@strapi/utils';
import type { PublishRuleInput } from '../contracts';
import { body, isIanaTimeZone, strictBody, validator } from './campaigns';

const MAX_CONDITIONS = 20;
const MAX_LISTS = 100;
const MAX_DELAY_MINUTES = 60 * 24 * 30;
const scalar = (value: unknown) => ['string', 'number', 'boolean'].includes(typeof value);

const conditionSchema = yup
  .object({
    field: yup.string().max(100).required(),
    operator: yup.string().oneOf(['eq', 'ne', 'contains', 'in']).required(),
    value: yup
      .mixed()
      .required()
      .test('value', '${path} must be a value, or a list of values for "in"', function check(value) {
        const { operator } = this.parent as { operator?: string };
        if (operator === 'in') return Array.isArray(value) && value.length > 0 && value.every(scalar);
        return scalar(value);
      }),
  })
  .noUnknown(true, 'A condition has field, operator and value only')
  .typeError('${path} must be an object');

const digestSchema = yup
  .object({
    frequency: yup.string().oneOf(['daily', 'weekly', 'monthly']).required(),
    time: yup
      .string()
      .required()
      .matches(/^([01]\d|2[0-3]):[0-5]\d$/, '${path} must be a time HH:mm, such as 09:00'),
    timezone: yup
      .string()
      .required()
      .test('iana', '${path} must be an IANA time zone, such as Europe/Paris', isIanaTimeZone),
    weekday: yup.number().integer().min(1).max(7).nullable(),
    dayOfMonth: yup.number().integer().min(1).max(28).nullable(),
  })
  .noUnknown(true, 'A digest schedule has frequency, time, timezone, weekday and dayOfMonth only')
  .typeError('${path} must be an object')
  .test('day', 'A weekly digest needs a weekday (1-7), a monthly one a dayOfMonth (1-28)', (digest) => {
    if (!digest) return true;
    if (digest.frequency === 'weekly') return Boolean(digest.weekday);
    if (digest.frequency === 'monthly') return Boolean(digest.dayOfMonth);
    return true;
  });

const ruleFields = {
  name: yup.string().max(200).matches(/\S/, '${path} cannot be blank').required(),
  contentType: yup.string().max(191).required(),
  conditions: yup.array().of(conditionSchema.required()).max(MAX_CONDITIONS).nullable(),
  template: yup.string().max(100).required(),
  lists: yup
    .array()
    .of(yup.number().integer().positive().required())
    .min(1, '${path} needs at least one list')
    .max(MAX_LISTS)
    .required(),
  provider: yup.string().max(64).nullable(),
  mode: yup.string().oneOf(['each', 'digest']).required(),
  eachAction: yup.string().oneOf(['send', 'delay', 'draft', null]).nullable(),
  delayMinutes: yup.number().integer().min(1).max(MAX_DELAY_MINUTES).nullable(),
  digest: digestSchema.nullable().default(undefined),
  locales: yup.array().of(yup.string().max(35).required()).max(50).nullable(),
};

const ruleSchema = body(ruleFields)
  .test('mode', 'A digest rule needs a digest schedule', (rule) => rule?.mode !== 'digest' || Boolean(rule.digest))
  .test(
    'each',
    'An "each" rule needs eachAction: send, delay or draft',
    (rule) => rule?.mode !== 'each' || Boolean(rule.eachAction),
  )
  .test(
    'delay',
    'eachAction "delay" needs delayMinutes (1 or more)',
    (rule) => rule?.eachAction !== 'delay' || Boolean(rule.delayMinutes),
  );

export const validatePublishRule = validator<PublishRuleInput>(ruleSchema, strictBody);

const idSchema = yup
  .string()
  .required()
  .matches(/^[1-9]\d{0,15}$/, 'The rule id must be a positive integer');
const validateIdParam = validator<string>(idSchema, strictBody);

export async function validateRuleId(param: unknown): Promise<number> {
  return Number(await validateIdParam(param));
}
