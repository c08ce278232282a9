/** Input of the event settings (`/settings/events…`): strict bodies, as the campaign API's. */
import { yup } from '@strapi/utils';
import type { EventSettingsInput, EventWebhookEventsInput, EventWebhookInput } from '../contracts';
import { PLUGIN_EVENTS } from '../constants';
import { body, strictBody, validator } from './campaigns';

const EVENT_NAMES = Object.values(PLUGIN_EVENTS);
// RFC 9110 token characters: what a header name may hold.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;

const events = () =>
  yup
    .array()
    .of(
      yup
        .string()
        .oneOf(EVENT_NAMES, `\${path} must be one of: ${EVENT_NAMES.join(', ')}`)
        .required(),
    )
    .max(EVENT_NAMES.length)
    .required();

const headers = yup
  .object()
  .typeError('headers must be an object of header names and values')
  .test('headers', 'headers must map header names to text values of at most 2,000 characters', (value) =>
    Object.entries((value ?? {}) as Record<string, unknown>).every(
      ([name, text]) => HEADER_NAME.test(name) && typeof text === 'string' && text.length <= 2000,
    ),
  );

const webhookSchema = body({
  name: yup.string().trim().max(100).matches(/\S/, 'name cannot be blank').required(),
  url: yup
    .string()
    .max(2000)
    .required()
    .test('url', 'url must be an http or https address', (value) => {
      try {
        return ['http:', 'https:'].includes(new URL(value ?? '').protocol);
      } catch {
        return false;
      }
    }),
  headers,
  events: events().min(1, 'choose at least one event'),
});

export const validateEventSettings = validator<EventSettingsInput>(
  body({ includeAddress: yup.boolean().required() }),
  strictBody,
);
export const validateEventWebhook = validator<EventWebhookInput>(webhookSchema, strictBody);
export const validateWebhookEvents = validator<EventWebhookEventsInput>(body({ events: events() }), strictBody);
