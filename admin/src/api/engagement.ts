import type { EngagementReport } from '../../../server/src/contracts';
import { api } from './paths';
import { useResource } from './useResource';

// Opens and clicks keep coming long after the last message went out.
const ENGAGEMENT_POLL_MS = 30_000;

/** The campaign's engagement report (docs/architecture.md, "Engagement"). */
export const useEngagement = (id: number) =>
  useResource<EngagementReport>(api(`/campaigns/${id}/engagement`), { pollMs: ENGAGEMENT_POLL_MS });
