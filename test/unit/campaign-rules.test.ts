import { describe, expect, it } from 'vitest';
import {
  ALLOWED_FROM,
  CampaignStateError,
  assertAllowed,
  refusalMessage,
} from '../../server/src/services/campaign-status';
import { templateFields } from '../../server/src/services/template-vars';
import { emptyCounts, toErrorGroups, toHourly } from '../../server/src/services/reports';

const STATUSES = ['draft', 'scheduled', 'sending', 'paused', 'sent', 'cancelled'] as const;

describe('campaign state machine', () => {
  it('allows each admin action from the statuses docs/architecture.md gives, and only those', () => {
    const allowed = (action: keyof typeof ALLOWED_FROM) =>
      STATUSES.filter((status) => ALLOWED_FROM[action].includes(status));
    expect(allowed('edit')).toEqual(['draft', 'scheduled']);
    expect(allowed('schedule')).toEqual(['draft', 'scheduled']);
    expect(allowed('pause')).toEqual(['scheduled', 'sending']);
    expect(allowed('resume')).toEqual(['paused']);
    expect(allowed('cancel')).toEqual(['draft', 'scheduled', 'sending', 'paused']);
    expect(allowed('resend')).toEqual(['sending', 'paused', 'sent']);
    expect(allowed('delete')).toEqual(['draft', 'sent', 'cancelled']);
  });

  it('refuses with a message that says why and what to do instead', () => {
    expect(() => assertAllowed('edit', 'draft')).not.toThrow();
    let error: unknown;
    try {
      assertAllowed('edit', 'sending');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CampaignStateError);
    expect((error as CampaignStateError).details).toEqual({ action: 'edit', status: 'sending' });
    expect((error as Error).message).toBe(
      'The campaign is sending: its content can no longer be edited once sending has started. Duplicate it to send a changed copy.',
    );
    expect(refusalMessage('delete', 'paused')).toBe('The campaign is paused: cancel it before deleting it.');
  });

  it('gives templates the fields the sender gives them', () => {
    expect(templateFields({ id: 7, name: 'Weekly', subject: 'Hi', preheader: null, mjml: '<mjml/>' } as any)).toEqual({
      id: 7,
      name: 'Weekly',
      subject: 'Hi',
      preheader: null,
    });
  });
});

describe('report shaping', () => {
  it('starts every status at zero', () => {
    expect(emptyCounts()).toEqual({
      total: 0,
      queued: 0,
      sending: 0,
      sent: 0,
      retry: 0,
      failed: 0,
      bounced: 0,
      unknown: 0,
      skipped: 0,
      held: 0,
    });
  });

  it('labels hour buckets by the UTC hour of their first send, merging buckets that share one', () => {
    expect(
      toHourly([
        { first_sent: new Date('2030-01-01T10:59:59.999Z'), sent: '3' },
        { first_sent: Date.parse('2030-01-01T08:00:00Z'), sent: 2 },
        // A MySQL bucket in a half-hour zone starts at :30 and shares its UTC hour with another.
        { first_sent: '2030-01-01T10:30:00Z', sent: 1 },
      ]),
    ).toEqual([
      { hour: '2030-01-01T08:00:00.000Z', sent: 2 },
      { hour: '2030-01-01T10:00:00.000Z', sent: 4 },
    ]);
    expect(toHourly([])).toEqual([]);
  });

  it('groups ranked error rows by code, most frequent first, no code last', () => {
    const row = (last_code: string | null, email: string, n: number) => ({
      last_code,
      email,
      status: 'failed',
      last_error: `err ${email}`,
      n,
    });
    expect(
      toErrorGroups([
        row(null, 'x@t', 5),
        row('421', 'a@t', 2),
        row('550 5.1.1', 'b@t', 5),
        row('421', 'c@t', 2),
        row('550 5.1.1', 'd@t', 5),
      ]),
    ).toEqual([
      {
        code: '550 5.1.1',
        count: 5,
        examples: [
          { email: 'b@t', status: 'failed', error: 'err b@t' },
          { email: 'd@t', status: 'failed', error: 'err d@t' },
        ],
      },
      { code: null, count: 5, examples: [{ email: 'x@t', status: 'failed', error: 'err x@t' }] },
      {
        code: '421',
        count: 2,
        examples: [
          { email: 'a@t', status: 'failed', error: 'err a@t' },
          { email: 'c@t', status: 'failed', error: 'err c@t' },
        ],
      },
    ]);
  });
});
