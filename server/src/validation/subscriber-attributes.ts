import { yup } from '@strapi/utils';

/**
 * A subscriber's `attributes` (merge-tag data), from the admin or the content API: an object of at most
 * 10,000 characters of JSON.
 */
export const subscriberAttributes = (): yup.AnySchema =>
  yup
    .object()
    .nullable()
    .test(
      'size',
      '${path} is too large (at most 10,000 characters of JSON)',
      (value) => !value || JSON.stringify(value).length <= 10_000,
    );
