/**
 * The `abTest` field of a campaign body (docs/architecture.md, "Engagement", "A/B subject tests"):
 * 2 to 4 subjects, each one a subject that compiles, and the test's numbers within their bounds.
 * What depends on the saved campaign (language versions, a start) is checked by the service.
 */
import { yup } from '@strapi/utils';
import { checkSubject } from '../services/composing/checks';
import { AB_LIMITS, AB_METRICS } from '../services/ab-test/rules';

const { subjects, samplePercent, waitHours } = AB_LIMITS;

const subjectSchema = yup
  .string()
  .max(998)
  .matches(/\S/, '${path} cannot be blank')
  .test('liquid', '', (value, context) => {
    const [error] = checkSubject(value);
    return error ? context.createError({ message: `\${path} does not compile: ${error.message}` }) : true;
  })
  .required('${path} cannot be blank');

const whole = (name: string, { min, max }: { min: number; max: number }) =>
  yup
    .number()
    .integer(`\${path} must be a whole number`)
    .min(min, `\${path} must be from ${min} to ${max}${name}`)
    .max(max, `\${path} must be from ${min} to ${max}${name}`);

export const abTestSchema: yup.AnySchema = yup
  .object({
    subjects: yup
      .array()
      .of(subjectSchema)
      .min(subjects.min, `\${path} needs ${subjects.min} to ${subjects.max} subjects`)
      .max(subjects.max, `\${path} needs ${subjects.min} to ${subjects.max} subjects`)
      .required(`\${path} needs ${subjects.min} to ${subjects.max} subjects`),
    samplePercent: whole(' (percent of the audience)', samplePercent),
    waitHours: whole(' hours', waitHours),
    metric: yup.string().oneOf([...AB_METRICS], '${path} must be "clicks" or "opens"'),
  })
  .noUnknown(true, 'These fields cannot be set here: ${unknown}')
  .typeError('${path} must be an object')
  .nullable()
  .default(undefined);
