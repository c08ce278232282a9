/**
 * Input of the content API for API tokens: strict bodies as in the admin API, so a typo answers
 * 400 with a message instead of being ignored.
 */
import { isIP } from 'node:net';
import { yup } from '@strapi/utils';
import type { ApiCampaignInput, ApiSubscriberInput } from '../contracts';
import { LOCALE_CODE } from '../services/composing/versions';
import { SLUG } from '../controllers/audience/subscribe-input';
import { body, isIsoInstant, optionalText, strictBody, validator } from './campaigns';
import { subscriberAttributes } from './subscriber-attributes';

const MAX_LISTS = 100;

/** Lists by id (a positive integer) or slug. */
const listRefs = () =>
  yup
    .array()
    .of(
      yup
        .mixed<number | string>()
        .test(
          'list-ref',
          '${path} must be a list id or slug',
          (ref) =>
            (typeof ref === 'number' && Number.isInteger(ref) && ref > 0) ||
            (typeof ref === 'string' && SLUG.test(ref)),
        )
        .required(),
    )
    .min(1, '${path} must name at least one list')
    .max(MAX_LISTS)
    .required();

const consent = body({
  source: yup.string().max(200).matches(/\S/, '${path} cannot be blank').required(),
  at: yup.string().required().test('iso', '${path} must be an ISO 8601 time with its offset', isIsoInstant),
  ip: yup.string().test('ip', '${path} must be an IP address', (value) => value === undefined || isIP(value) !== 0),
  text: yup.string().max(2000),
})
  .notRequired()
  .default(undefined);

const subscriberSchema = body({
  email: yup.string().max(320).required(),
  name: optionalText(400),
  locale: yup.string().matches(LOCALE_CODE, '${path} must be a locale code such as "en" or "pt-br"').nullable(),
  attributes: subscriberAttributes(),
  lists: listRefs(),
  consent,
});

const campaignSchema = body({
  name: yup.string().max(200).matches(/\S/, '${path} cannot be blank').required(),
  template: yup
    .mixed<number | string>()
    .test(
      'template',
      '${path} must be a saved template id or a starter key',
      (ref) =>
        (typeof ref === 'number' && Number.isInteger(ref) && ref > 0) || (typeof ref === 'string' && ref.length <= 64),
    )
    .required(),
  subject: yup.string().max(998),
  preheader: yup.string().max(500),
  lists: listRefs(),
  provider: yup.string().max(64),
});

export const validateApiSubscriber = validator<ApiSubscriberInput>(subscriberSchema, strictBody);
export const validateApiCampaign = validator<ApiCampaignInput>(campaignSchema, strictBody);
