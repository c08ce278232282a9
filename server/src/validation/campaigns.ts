/**
 * Input of the campaign admin API. Bodies are validated strictly (no casting, no unknown keys),
 * so a typo or a field the API does not let you set (status, html, ...) answers 400 instead of
 * being ignored. Query strings arrive as text and are cast.
 */
import { errors, yup, validateYupSchema } from '@strapi/utils';
import type {
  CampaignInput,
  CampaignListQuery,
  CampaignStatus,
  DeliveriesQuery as DeliveriesQueryInput,
  DeliveryStatus,
  PreviewInput,
  ResendableStatus,
  ResendInput,
  ScheduleInput,
  TestSendInput,
} from '../contracts';
import type { CastPageQuery } from '../database/page';
import { LOCALE_CODE } from '../services/composing/versions';
import { abTestSchema } from './ab-test';
import { trackingField } from './tracking';

export const CAMPAIGN_STATUSES = [
  'draft',
  'scheduled',
  'sending',
  'testing',
  'paused',
  'sent',
  'cancelled',
] as const satisfies readonly CampaignStatus[];
export const DELIVERY_STATUSES = [
  'queued',
  'sending',
  'sent',
  'retry',
  'failed',
  'bounced',
  'unknown',
  'skipped',
  'held',
] as const satisfies readonly DeliveryStatus[];
export const RESENDABLE_STATUSES = ['failed', 'unknown'] as const satisfies readonly ResendableStatus[];

export const MAX_PAGE_SIZE = 100;
export const MAX_TEST_RECIPIENTS = 10;
export const MAX_MJML_CHARS = 500_000;
const MAX_ENTRIES = 100;
const MAX_LISTS = 100;
const MAX_VERSIONS = 20;
const MAX_ATTACHMENTS = 20;

export type { CampaignInput, CampaignStatus, ResendableStatus };

export type ListQuery = CastPageQuery<CampaignListQuery>;
export type DeliveriesQuery = CastPageQuery<DeliveriesQueryInput>;

/** Whether Intl knows the zone by an IANA name (not a bare offset such as `+01:00`). */
export function isIanaTimeZone(value: unknown): boolean {
  if (typeof value !== 'string' || !/^[A-Za-z]/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

// An instant needs its offset: `2030-01-15T09:00` alone would be read in the server's zone.
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function isIsoInstant(value: unknown): boolean {
  const match = typeof value === 'string' ? ISO_INSTANT.exec(value) : null;
  if (!match || Number.isNaN(Date.parse(value as string))) return false;
  // Date.parse rolls 2030-02-31 over to March 3rd: the day must exist in its month.
  const [year, month, day] = match.slice(1, 4).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const UNKNOWN_FIELDS = 'These fields cannot be set here: ${unknown}';
const NOT_AN_OBJECT = 'The request body must be a JSON object';
export const optionalText = (max: number) => yup.string().max(max).nullable();
const optionalEmail = () => yup.string().email('${path} must be an email address').max(254).nullable();

const localeCode = () =>
  yup.string().max(35).matches(LOCALE_CODE, '${path} must be a locale code such as "en", "vi" or "pt-BR"');
const entriesField = () =>
  yup.array().of(yup.object().typeError('${path} must be an object').required()).max(MAX_ENTRIES).nullable();

// One more language of the content; `html` is the server's to write.
const versionSchema = yup
  .object({
    locale: localeCode().required(),
    subject: optionalText(998),
    preheader: optionalText(500),
    mjml: optionalText(MAX_MJML_CHARS),
    entries: entriesField(),
  })
  .noUnknown(true, UNKNOWN_FIELDS)
  .typeError('${path} must be an object');

const contentFields = {
  name: yup.string().max(200).matches(/\S/, '${path} cannot be blank'),
  subject: optionalText(998),
  preheader: optionalText(500),
  fromName: optionalText(200),
  fromEmail: optionalEmail(),
  replyTo: optionalEmail(),
  mjml: optionalText(MAX_MJML_CHARS),
  entries: entriesField(),
  lists: yup.array().of(yup.number().integer().positive().required()).max(MAX_LISTS),
  segments: yup.array().of(yup.number().integer().positive().required()).max(MAX_LISTS),
  provider: optionalText(64),
  defaultLocale: localeCode().nullable(),
  versions: yup
    .array()
    .of(versionSchema.required())
    .max(MAX_VERSIONS)
    .nullable()
    .test('unique', '${path} holds one version per locale', (versions) => {
      const locales = (versions ?? []).map((v) => String(v?.locale).toLowerCase());
      return new Set(locales).size === locales.length;
    }),
  attachments: yup
    .array()
    .of(yup.number().integer().positive().required())
    .max(MAX_ATTACHMENTS, `\${path} takes at most ${MAX_ATTACHMENTS} files`)
    .nullable(),
  // Listed in its lists' public archives (docs/architecture.md, "Engagement").
  public: yup.boolean().typeError('${path} must be true or false'),
  abTest: abTestSchema,
  tracking: trackingField(),
};

/** A JSON object with exactly these fields (some may be left out). */
export const body = (fields: Record<string, yup.AnySchema>): yup.AnyObjectSchema =>
  yup.object(fields).noUnknown(true, UNKNOWN_FIELDS).typeError(NOT_AN_OBJECT).required(NOT_AN_OBJECT);

const createSchema = body({ ...contentFields, name: contentFields.name.required() });
const updateSchema = body(contentFields);

// Unsaved content for the live preview; a saved campaign's preview takes the same fields as overrides.
const previewSchema = body({
  name: yup.string().max(200),
  subject: optionalText(998),
  preheader: optionalText(500),
  mjml: optionalText(MAX_MJML_CHARS),
  entries: contentFields.entries,
  locale: localeCode().nullable(),
});

const scheduleSchema = body({
  scheduledAt: yup
    .string()
    .required()
    .test('iso', '${path} must be an ISO 8601 date-time with an offset, such as 2030-01-15T09:00:00Z', isIsoInstant),
  timezone: yup
    .string()
    .required()
    .test('iana', '${path} must be an IANA time zone, such as Europe/Paris', isIanaTimeZone),
});

const resendSchema = body({
  statuses: yup
    .array()
    .of(
      yup
        .string()
        .oneOf([...RESENDABLE_STATUSES])
        .required(),
    )
    .min(1, '${path} must name failed, unknown or both')
    .required(),
});

const testSendSchema = body({
  emails: yup
    .array()
    .of(yup.string().email('${path} must be an email address').max(254).required())
    .min(1, '${path} needs at least one address')
    .max(MAX_TEST_RECIPIENTS, `\${path} takes at most ${MAX_TEST_RECIPIENTS} addresses`)
    .required(),
});

const pageFields = {
  page: yup.number().integer().min(1).default(1),
  pageSize: yup.number().integer().min(1).max(MAX_PAGE_SIZE).default(20),
  search: yup.string().trim().max(200),
};

const listQuerySchema = yup.object({ ...pageFields, status: yup.string().oneOf([...CAMPAIGN_STATUSES]) });
const deliveriesQuerySchema = yup.object({ ...pageFields, status: yup.string().oneOf([...DELIVERY_STATUSES]) });

const idSchema = yup
  .string()
  .required()
  .matches(/^[1-9]\d{0,15}$/, 'The campaign id must be a positive integer');

export const strictBody = { strict: true, abortEarly: false };
const castQuery = { strict: false, abortEarly: false, stripUnknown: true };

/**
 * Strapi's validator; with several errors yup's message is only "2 errors occurred", so the
 * answer's message lists them all (each stays in `details.errors` with its path).
 */
export function validator<T>(schema: yup.AnySchema, options: object) {
  const validate = validateYupSchema(schema, options);
  return async (input: unknown): Promise<T> => {
    try {
      return await validate(input);
    } catch (error) {
      if (!(error instanceof errors.YupValidationError)) throw error;
      throw new errors.ValidationError(error.details.errors.map((e) => e.message).join('; '), error.details);
    }
  };
}

export const validateCreate = validator<CampaignInput & { name: string }>(createSchema, strictBody);
export const validateUpdate = validator<CampaignInput>(updateSchema, strictBody);
export const validatePreview = validator<PreviewInput>(previewSchema, strictBody);
export const validateSchedule = validator<ScheduleInput>(scheduleSchema, strictBody);
export const validateResend = validator<ResendInput>(resendSchema, strictBody);
export const validateTestSend = validator<TestSendInput>(testSendSchema, strictBody);
export const validateListQuery = validator<ListQuery>(listQuerySchema, castQuery);
export const validateDeliveriesQuery = validator<DeliveriesQuery>(deliveriesQuerySchema, castQuery);

const validateIdParam = validator<string>(idSchema, strictBody);

/** A body that only lists or unlists the campaign: allowed in every status, since nothing sent changes. */
export function isListingOnly(input: CampaignInput): input is { public: boolean } {
  const keys = Object.keys(input);
  return keys.length === 1 && typeof input.public === 'boolean';
}

export async function validateId(param: unknown): Promise<number> {
  return Number(await validateIdParam(param));
}
