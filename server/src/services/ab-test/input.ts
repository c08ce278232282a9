/**
 * What an A/B subject test may be saved with, given the campaign (docs/architecture.md,
 * "Engagement", "A/B subject tests"). The body's shape is checked in validation/ab-test.ts; here,
 * what depends on the saved campaign: no language versions, and no change once it has started.
 */
import { errors } from '@strapi/utils';
import type { AbTest, AbTestInput } from '../../contracts/engagement';
import { readVersions } from '../composing/versions';
import { newAbTest } from './rules';

export const WITH_VERSIONS =
  'An A/B subject test cannot be combined with language versions: each language has its own subject. ' +
  'Remove the versions or the test.';
export const STARTED = 'The A/B subject test can no longer change once the campaign has started.';
export const SERIES_STEP = 'A series step cannot run an A/B subject test: its audience arrives one person at a time.';

/**
 * The `abTest` field to write with content as it will be saved (saved fields with the request's
 * laid over them, so either order of adding a test and versions is refused): the test stored
 * afresh (no winner), or nothing to write when the content has none.
 */
export function abTestField(content: { abTest?: AbTestInput | AbTest | null; versions?: unknown }): {
  abTest?: AbTest | null;
} {
  if (content.abTest === undefined) return {};
  if (content.abTest === null) return { abTest: null };
  if (readVersions(content.versions).length > 0) throw new errors.ValidationError(WITH_VERSIONS);
  return { abTest: newAbTest(content.abTest) };
}

/** A request that sets `abTest` on a campaign that has started, or on a series step, is refused (400). */
export function assertAbTestChangeable(
  campaign: { status: string; startedAt?: unknown; seriesId?: unknown },
  input: { abTest?: unknown },
) {
  if (input.abTest === undefined) return;
  if (campaign.seriesId) throw new errors.ValidationError(SERIES_STEP);
  if (campaign.startedAt || !['draft', 'scheduled'].includes(campaign.status))
    throw new errors.ValidationError(STARTED);
}
