/**
 * A campaign's `tracking` in the admin API (docs/architecture.md, "Engagement"): any of `mode`,
 * `opens`, `clicks`; what is left out keeps its saved (or default) value. Strict, like every body:
 * a wrong type or an unknown key answers 400 naming the field.
 */
import { yup } from '@strapi/utils';
import { TRACKING_MODES } from '../services/tracking/settings';

const flag = () => yup.boolean().typeError('${path} must be true or false');

export const trackingField = (): yup.AnyObjectSchema =>
  yup
    .object({
      mode: yup
        .string()
        .typeError('${path} must be one of off, people, aggregate')
        .oneOf([...TRACKING_MODES], '${path} must be one of off, people, aggregate'),
      opens: flag(),
      clicks: flag(),
    })
    .noUnknown(true, '${path} takes only mode, opens and clicks: ${unknown} cannot be set')
    .typeError('${path} must be an object with mode, opens and clicks')
    .default(undefined);
