/** Input of `POST /content/entries`, validated strictly (no casting, no unknown keys). */
import { yup } from '@strapi/utils';
import type { EntriesRequest } from '../contracts';
import { LOCALE_CODE } from '../services/composing/versions';
import { body, strictBody, validator } from './campaigns';

/** As many as a campaign may hold. */
export const MAX_ENTRIES_PER_REQUEST = 100;

const entriesSchema = body({
  uid: yup
    .string()
    .max(200)
    .matches(/^api::[\w-]+\.[\w-]+$/, '${path} must be a content type uid such as "api::article.article"')
    .required(),
  documentIds: yup
    .array()
    .of(yup.string().max(64).matches(/^\w+$/, '${path} must be a document id').required())
    .min(1)
    .max(MAX_ENTRIES_PER_REQUEST)
    .required(),
  locale: yup.string().max(35).matches(LOCALE_CODE, '${path} must be a locale code such as "en"').nullable(),
});

export const validateEntriesRequest = validator<EntriesRequest>(entriesSchema, strictBody);
