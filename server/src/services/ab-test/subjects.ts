/**
 * The subject a row of an A/B test is sent with (docs/architecture.md, "Engagement", "A/B subject
 * tests"): variant n is `abTest.subjects[n - 1]`, parsed once per saved campaign like the subject
 * itself; a row without a variant (a test send, a campaign without a test) keeps the subject.
 */
import type { Template } from 'liquidjs';
import { readJson } from '../../database/json';
import type { PreparedTemplate } from '../composing';
import { subjectEngine } from '../composing/engines';

/** The stored test's subjects, parsed; none when the campaign has no test. */
export function parseVariantSubjects(abTest: unknown): Template[][] {
  const subjects = (readJson(abTest) as { subjects?: unknown } | null)?.subjects;
  if (!Array.isArray(subjects)) return [];
  return subjects.map((subject) => subjectEngine.parse(String(subject)));
}

/** The prepared template with the row's variant subject in place of the campaign's. */
export function withVariantSubject(
  prepared: PreparedTemplate,
  variants: Template[][],
  variant: number | null,
): PreparedTemplate {
  const subject = variant ? variants[variant - 1] : undefined;
  return subject ? { ...prepared, subject } : prepared;
}
