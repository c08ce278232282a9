/**
 * Input of the subscriber, list, form and import admin API. Bodies are strict (no casting, no
 * unknown keys) so a typo answers 400 instead of being ignored; query strings are cast.
 */
import { errors, yup, validateYupSchema } from '@strapi/utils';
import { ADMIN_STATUSES, type SubscriberQuery } from '../../services/audience/subscribers';
import type {
  ExportFilter,
  FormInput,
  ImportFields as ImportFieldsInput,
  ListInput,
  SubscriberInput,
} from '../../contracts';
import { SLUG } from './subscribe-input';
import { subscriberAttributes } from '../../validation/subscriber-attributes';

const ALL_STATUSES = ['pending', 'subscribed', 'unsubscribed', 'bounced', 'complained'] as const;
const UNKNOWN_FIELDS = 'These fields cannot be set here: ${unknown}';
const MAX_PAGE_SIZE = 100;

const slug = () => yup.string().max(120).matches(SLUG, '${path} must use lower-case letters, digits and dashes');
const listIds = () => yup.array().of(yup.number().integer().positive().required()).max(100);
const httpUrl = () =>
  yup
    .string()
    .max(2048)
    .nullable()
    .test('http-url', '${path} must be an http(s) URL', (value) => {
      if (!value) return true;
      try {
        return /^https?:$/.test(new URL(value).protocol);
      } catch {
        return false;
      }
    });

const listFields = {
  name: yup.string().max(120).matches(/\S/, '${path} cannot be blank'),
  slug: slug(),
  description: yup.string().max(2000).nullable(),
  doubleOptIn: yup.boolean(),
  public: yup.boolean(),
};

const formFields = {
  name: yup.string().max(120).matches(/\S/, '${path} cannot be blank'),
  slug: slug(),
  lists: listIds(),
  doubleOptIn: yup.boolean(),
  successUrl: httpUrl(),
  fields: yup
    .object({ name: yup.string().oneOf(['hidden', 'optional', 'required']) })
    .noUnknown(true, UNKNOWN_FIELDS)
    .nullable(),
  consentText: yup.string().max(2000).nullable(),
  provider: yup.string().max(64).nullable(),
};

const subscriberFields = {
  email: yup.string().max(320),
  name: yup.string().max(400).nullable(),
  status: yup.string().oneOf([...ADMIN_STATUSES]),
  lists: listIds(),
  attributes: subscriberAttributes(),
  locale: yup.string().max(16).nullable(),
};

const strictBody = { strict: true, abortEarly: false };
const castQuery = { strict: false, abortEarly: false, stripUnknown: true };
const object = (fields: Record<string, yup.AnySchema>, required: string[] = []) =>
  yup
    .object(
      Object.fromEntries(
        Object.entries(fields).map(([key, schema]) => [key, required.includes(key) ? schema.required() : schema]),
      ),
    )
    .noUnknown(true, UNKNOWN_FIELDS)
    .required();

export const validateListCreate = validateYupSchema(object(listFields, ['name', 'slug']), strictBody) as (
  b: unknown,
) => Promise<ListInput & { name: string; slug: string }>;
export const validateListUpdate = validateYupSchema(object(listFields), strictBody) as (
  b: unknown,
) => Promise<ListInput>;
export const validateFormCreate = validateYupSchema(object(formFields, ['name', 'slug']), strictBody) as (
  b: unknown,
) => Promise<FormInput & { name: string; slug: string }>;
export const validateFormUpdate = validateYupSchema(object(formFields), strictBody) as (
  b: unknown,
) => Promise<FormInput>;
export const validateSubscriberCreate = validateYupSchema(object(subscriberFields, ['email']), strictBody) as (
  b: unknown,
) => Promise<SubscriberInput & { email: string }>;
export const validateSubscriberUpdate = validateYupSchema(object(subscriberFields), strictBody) as (
  b: unknown,
) => Promise<SubscriberInput>;

export const validateSubscriberQuery = validateYupSchema(
  yup.object({
    page: yup.number().integer().min(1).default(1),
    pageSize: yup.number().integer().min(1).max(MAX_PAGE_SIZE).default(20),
    search: yup.string().trim().max(200),
    status: yup.string().oneOf([...ALL_STATUSES]),
    list: yup.number().integer().positive(),
  }),
  castQuery,
) as (q: unknown) => Promise<SubscriberQuery>;

export const validateExportQuery = validateYupSchema(
  yup.object({
    status: yup.string().oneOf([...ALL_STATUSES]),
    list: yup.number().integer().positive(),
    segment: yup.number().integer().positive(),
  }),
  castQuery,
) as (q: unknown) => Promise<ExportFilter>;

const idSchema = yup
  .string()
  .required()
  .matches(/^[1-9]\d{0,15}$/, 'The id must be a positive integer');
export async function validateId(param: unknown): Promise<number> {
  return Number(await validateYupSchema(idSchema, strictBody)(param));
}

/** The fields that come with an uploaded CSV, once parsed: the lists and the status have defaults. */
export type ImportFields = ImportFieldsInput & Required<Pick<ImportFieldsInput, 'lists' | 'status'>>;

const importSchema = object({
  mapping: yup
    .object({
      email: yup.string().max(200),
      name: yup.string().max(200),
      locale: yup.string().max(200),
      status: yup.string().max(200),
      lists: yup.string().max(200),
      attributes: yup
        .object()
        .test(
          'strings',
          '${path} must map attribute names to column names',
          (value) =>
            !value ||
            Object.values(value as Record<string, unknown>).every((v) => typeof v === 'string' && v.length <= 200),
        ),
    })
    .noUnknown(true, UNKNOWN_FIELDS),
  lists: listIds().default([]),
  status: yup.string().oneOf(['subscribed', 'unsubscribed']).default('subscribed'),
});

export async function validateImportFields(fields: Record<string, unknown>): Promise<ImportFields> {
  const parsed = {
    ...fields,
    mapping: parseJsonField(fields.mapping, 'mapping'),
    lists: parseJsonField(fields.lists, 'lists'),
  };
  return (await validateYupSchema(importSchema, { strict: false, abortEarly: false })(parsed)) as ImportFields;
}

function parseJsonField(value: unknown, name: string): unknown {
  if (typeof value !== 'string') return value;
  if (value.trim() === '') return undefined;
  try {
    return JSON.parse(value);
  } catch {
    throw new errors.ValidationError(`${name} must be JSON`);
  }
}
