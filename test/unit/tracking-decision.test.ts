import { describe, expect, it } from 'vitest';
import { messageTracking, type MessageFacts } from '../../server/src/services/tracking/decision';
import { DEFAULT_CAMPAIGN_TRACKING, campaignTracking } from '../../server/src/services/tracking/settings';

const tracked: MessageFacts = {
  site: { enabled: true, aggregateOnly: false },
  campaign: { mode: 'people', opens: true, clicks: true },
  rowKind: 'campaign',
  optedOut: false,
};

describe('whether a message is tracked', () => {
  it('tracks a campaign row of a tracking campaign on a tracking site, naming people', () => {
    expect(messageTracking(tracked)).toEqual({ opens: true, clicks: true, mode: 'people' });
  });

  it.each<[string, Partial<MessageFacts>]>([
    ['the site has tracking off', { site: { enabled: false, aggregateOnly: false } }],
    ['the campaign is off', { campaign: { mode: 'off', opens: true, clicks: true } }],
    ['it is a test send', { rowKind: 'test' }],
    ['it is a confirmation', { rowKind: 'confirmation' }],
    ['the person opted out', { optedOut: true }],
    ['the campaign tracks neither opens nor clicks', { campaign: { mode: 'people', opens: false, clicks: false } }],
  ])('sends untracked when %s', (_why, change) => {
    expect(messageTracking({ ...tracked, ...change })).toBeNull();
  });

  it('tracks only what the campaign asks for', () => {
    expect(messageTracking({ ...tracked, campaign: { mode: 'people', opens: false, clicks: true } })).toEqual({
      opens: false,
      clicks: true,
      mode: 'people',
    });
    expect(messageTracking({ ...tracked, campaign: { mode: 'people', opens: true, clicks: false } })).toEqual({
      opens: true,
      clicks: false,
      mode: 'people',
    });
  });

  it('names nobody when the campaign is aggregate or the site is aggregate-only', () => {
    const aggregate = { mode: 'aggregate' as const, opens: true, clicks: true };
    expect(messageTracking({ ...tracked, campaign: aggregate })?.mode).toBe('aggregate');
    expect(messageTracking({ ...tracked, site: { enabled: true, aggregateOnly: true } })?.mode).toBe('aggregate');
  });
});

describe("a campaign's tracking settings", () => {
  it('answers the defaults for a campaign that never chose', () => {
    expect(campaignTracking(null)).toEqual({ mode: 'off', opens: true, clicks: true });
    expect(campaignTracking(undefined)).toEqual(DEFAULT_CAMPAIGN_TRACKING);
  });

  it('reads JSON as stored by every database, and lays a partial value over a base', () => {
    expect(campaignTracking('{"mode":"aggregate","opens":false,"clicks":true}')).toEqual({
      mode: 'aggregate',
      opens: false,
      clicks: true,
    });
    const base = { mode: 'people' as const, opens: false, clicks: true };
    expect(campaignTracking({ clicks: false }, base)).toEqual({ mode: 'people', opens: false, clicks: false });
    expect(campaignTracking({ mode: 'loud', opens: 'yes' }, base)).toEqual(base);
  });
});
