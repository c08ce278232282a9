/** Input of the series admin API, validated as strictly as campaigns (no casting, no unknown keys). */
import { yup } from '@strapi/utils';
import type { SeriesInput } from '../contracts';
import { MAX_MJML_CHARS, body, optionalText, strictBody, validator } from './campaigns';

export const MAX_STEPS = 20;
// Ten years: far beyond any drip, and small enough for every dialect's date arithmetic.
export const MAX_DELAY_MINUTES = 10 * 366 * 24 * 60;

const stepSchema = yup
  .object({
    id: yup.number().integer().positive(),
    delayMinutes: yup
      .number()
      .integer()
      .min(0)
      .max(MAX_DELAY_MINUTES, `\${path} is at most ${MAX_DELAY_MINUTES} minutes (ten years)`)
      .required(),
    subject: yup.string().max(998).matches(/\S/, '${path} cannot be blank').required(),
    mjml: yup.string().max(MAX_MJML_CHARS).matches(/\S/, '${path} cannot be blank'),
  })
  .noUnknown(true, 'These fields cannot be set here: ${unknown}')
  .typeError('${path} must be an object');

const seriesSchema = body({
  name: yup.string().max(200).matches(/\S/, '${path} cannot be blank').required(),
  listId: yup.number().integer().positive().required(),
  trigger: yup.string().oneOf(['confirmed', 'joined'], '${path} must be "confirmed" or "joined"').required(),
  provider: optionalText(64),
  steps: yup
    .array()
    .of(stepSchema.required())
    .min(1, '${path} needs at least one step')
    .max(MAX_STEPS, `\${path} takes at most ${MAX_STEPS} steps`)
    .required()
    // Steps go out in their order, each measured from the enrollment: a delay below the one before cannot be kept.
    .test('order', '${path} must be in the order they go out: each delay at least the one before', (steps) =>
      (steps ?? []).every((step, i, all) => i === 0 || Number(step?.delayMinutes) >= Number(all[i - 1]?.delayMinutes)),
    )
    .test('unique', '${path} names a step twice', (steps) => {
      const ids = (steps ?? []).map((step) => step?.id).filter((id) => id !== undefined);
      return new Set(ids).size === ids.length;
    }),
});

const idSchema = yup
  .string()
  .required()
  .matches(/^[1-9]\d{0,15}$/, 'The series id must be a positive integer');

export const validateSeries = validator<SeriesInput>(seriesSchema, strictBody);
const validateIdParam = validator<string>(idSchema, strictBody);

export async function validateSeriesId(param: unknown): Promise<number> {
  return Number(await validateIdParam(param));
}
