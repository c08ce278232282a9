import type { Audience, Overview, ProviderView } from '../../../server/src/contracts';
import { api } from './paths';
import { queryString, useResource } from './useResource';

export const useOverview = () => useResource<Overview>(api('/overview'), { pollMs: 10_000 });

/** Lists with their subscribed members, the distinct audience of `listIds` and its ETA. */
export const useAudience = (listIds: number[], provider?: string | null) =>
  useResource<Audience>(api(`/audience${queryString({ lists: listIds.join(','), provider })}`));

export const useProviders = () => useResource<ProviderView[]>(api('/providers'));
