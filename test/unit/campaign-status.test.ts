import { describe, expect, it } from 'vitest';
import { ALLOWED_FROM, TRANSITIONS, type CampaignAction } from '../../server/src/services/campaign-status';
import { CAMPAIGN_STATUSES, type CampaignStatus } from '../../server/src/validation/campaigns';

/** One flag per status, in CAMPAIGN_STATUSES order: `x` allowed, `-` refused. */
function row(flags: string): Record<CampaignStatus, boolean> {
  const marks = flags.trim().split(/\s+/);
  return Object.fromEntries(CAMPAIGN_STATUSES.map((status, i) => [status, marks[i] === 'x'])) as Record<
    CampaignStatus,
    boolean
  >;
}

// Written out in full, so any change to the tables shows up here as a visible diff.
// prettier-ignore
const MOVES: Record<CampaignStatus, Record<CampaignStatus, boolean>> = {
  // from → to:   draft scheduled sending testing paused sent cancelled
  draft:     row('-     x         x       -       -      -    x'),
  scheduled: row('-     x         x       x       x      -    x'),
  sending:   row('-     -         -       -       x      x    x'),
  testing:   row('-     -         x       -       x      -    x'),
  paused:    row('-     x         x       x       -      -    x'),
  sent:      row('-     -         x       -       -      -    -'),
  cancelled: row('-     -         -       -       -      -    -'),
};

// prettier-ignore
const ACTIONS: Record<CampaignAction, Record<CampaignStatus, boolean>> = {
  // from:       draft scheduled sending testing paused sent cancelled
  edit:     row('x     x         -       -       -      -    -'),
  delete:   row('x     -         -       -       -      x    x'),
  schedule: row('x     x         -       -       -      -    -'),
  pause:    row('-     x         x       x       -      -    -'),
  resume:   row('-     -         -       -       x      -    -'),
  cancel:   row('x     x         x       x       x      -    -'),
  resend:   row('-     -         x       -       x      x    -'),
};

describe('campaign status transitions', () => {
  const statusPairs = CAMPAIGN_STATUSES.flatMap((from) => CAMPAIGN_STATUSES.map((to) => [from, to] as const));

  it.each(statusPairs)('%s → %s', (from, to) => {
    expect(TRANSITIONS[from].includes(to)).toBe(MOVES[from][to]);
  });

  const actionPairs = (Object.keys(ACTIONS) as CampaignAction[]).flatMap((action) =>
    CAMPAIGN_STATUSES.map((status) => [action, status] as const),
  );

  it.each(actionPairs)('%s from %s', (action, status) => {
    expect(ALLOWED_FROM[action].includes(status)).toBe(ACTIONS[action][status]);
  });

  it('has a row for every admin action', () => {
    expect(Object.keys(ALLOWED_FROM).sort()).toEqual(Object.keys(ACTIONS).sort());
  });
});
