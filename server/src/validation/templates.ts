/** Input of the template admin API, validated as strictly as campaigns (no casting, no unknown keys). */
import { yup } from '@strapi/utils';
import type { TemplateInput } from '../contracts';
import { MAX_MJML_CHARS, body, optionalText, strictBody, validator } from './campaigns';

const templateSchema = body({
  name: yup.string().max(200).matches(/\S/, '${path} cannot be blank').required(),
  subject: optionalText(998),
  preheader: optionalText(500),
  mjml: yup.string().max(MAX_MJML_CHARS).matches(/\S/, '${path} cannot be blank').required(),
});

const idSchema = yup
  .string()
  .required()
  .matches(/^[1-9]\d{0,15}$/, 'The template id must be a positive integer');

export const validateTemplate = validator<TemplateInput>(templateSchema, strictBody);
const validateIdParam = validator<string>(idSchema, strictBody);

export async function validateTemplateId(param: unknown): Promise<number> {
  return Number(await validateIdParam(param));
}
