/**
 * Bodies of the segment and bulk-action admin API: strict shapes, unknown keys refused. The rules
 * themselves go through the whitelist of services/segments/rules.ts, which names the condition.
 */
import { yup, validateYupSchema } from '@strapi/utils';
import type { BulkActionInput, SegmentGroup, SegmentInput } from '../contracts/segments';
import { checkedRules } from '../services/segments';

const UNKNOWN_FIELDS = 'These fields cannot be set here: ${unknown}';
const strictBody = { strict: true, abortEarly: false };
/** Chosen people per bulk action: a page of the subscribers table, many times over. */
export const MAX_BULK_IDS = 10_000;

const id = () => yup.number().integer().positive();

const segmentFields = {
  name: yup.string().max(120).matches(/\S/, '${path} cannot be blank'),
  description: yup.string().max(2000).nullable(),
  rules: yup.mixed(),
};

const segmentSchema = (required: string[]) =>
  yup
    .object(
      Object.fromEntries(
        Object.entries(segmentFields).map(([key, schema]) => [
          key,
          required.includes(key) ? schema.required() : schema,
        ]),
      ),
    )
    .noUnknown(true, UNKNOWN_FIELDS)
    .required();

type Validator<T> = (body: unknown) => Promise<T>;
const validateCreateShape = validateYupSchema(segmentSchema(['name', 'rules']), strictBody) as Validator<SegmentInput>;
const validateUpdateShape = validateYupSchema(segmentSchema([]), strictBody) as Validator<Partial<SegmentInput>>;

export async function validateSegmentCreate(body: unknown): Promise<SegmentInput> {
  const input = await validateCreateShape(body);
  return { ...input, rules: checkedRules(input.rules) };
}

export async function validateSegmentUpdate(body: unknown): Promise<Partial<SegmentInput>> {
  const input = await validateUpdateShape(body);
  return input.rules === undefined ? input : { ...input, rules: checkedRules(input.rules) };
}

const countSchema = yup.object({ rules: yup.object().required() }).noUnknown(true, UNKNOWN_FIELDS).required();

/** `POST /segments/count`: unsaved rules. */
export async function validateCountBody(body: unknown): Promise<SegmentGroup> {
  const { rules } = await (validateYupSchema(countSchema, strictBody) as Validator<{ rules: unknown }>)(body);
  return checkedRules(rules);
}

const bulkSchema = yup
  .object({
    action: yup.string().oneOf(['addToList', 'removeFromList', 'unsubscribe', 'erase', 'export']).required(),
    segmentId: id(),
    rules: yup.mixed(),
    subscriberIds: yup.array().of(id().required()).min(1).max(MAX_BULK_IDS),
    listId: id().when('action', {
      is: (action: string) => action === 'addToList' || action === 'removeFromList',
      then: (schema) => schema.required('${path} is required to add to or remove from a list'),
      otherwise: (schema) => schema.strip(),
    }),
    confirm: yup.number().integer().min(0),
  })
  .noUnknown(true, UNKNOWN_FIELDS)
  .test('one-audience', 'Name the people by exactly one of segmentId, rules or subscriberIds', (value) => {
    const given = [value?.segmentId, value?.rules, value?.subscriberIds].filter((v) => v !== undefined);
    return given.length === 1;
  })
  .required();

/** `POST /subscribers/bulk`; unsaved rules are checked against the whitelist here. */
export async function validateBulkAction(body: unknown): Promise<BulkActionInput> {
  const input = await (validateYupSchema(bulkSchema, strictBody) as Validator<BulkActionInput>)(body);
  return input.rules === undefined ? input : { ...input, rules: checkedRules(input.rules) };
}
