import { describe, expect, it } from 'vitest';
import {
  isIanaTimeZone,
  isIsoInstant,
  validateCreate,
  validateId,
  validateListQuery,
  validateResend,
  validateSchedule,
  validateTestSend,
  validateUpdate,
} from '../../server/src/validation/campaigns';

/** The 400 a validator answers with: its message and the paths it names. */
async function refusal(promise: Promise<unknown>) {
  const error: any = await promise.then(
    () => expect.unreachable('the input was accepted'),
    (e) => e,
  );
  expect(error.name).toBe('ValidationError');
  return {
    message: error.message as string,
    paths: error.details.errors.map((e: any) => e.path.join('.')) as string[],
  };
}

describe('campaign input validation', () => {
  it('knows IANA time zones, and refuses offsets and made-up zones', () => {
    for (const zone of ['UTC', 'Europe/Paris', 'Asia/Ho_Chi_Minh', 'America/Argentina/Buenos_Aires'])
      expect(isIanaTimeZone(zone), zone).toBe(true);
    for (const zone of ['', '+01:00', '-0500', 'Mars/Olympus_Mons', 'Europe/', 42, null])
      expect(isIanaTimeZone(zone), String(zone)).toBe(false);
  });

  it('takes only ISO 8601 instants that carry an offset and name a real day', () => {
    for (const value of [
      '2030-01-15T09:00:00Z',
      '2030-01-15T09:00Z',
      '2030-01-15T09:00:00.123+07:00',
      '2028-02-29T00:00:00-05:00',
    ]) {
      expect(isIsoInstant(value), value).toBe(true);
    }
    for (const value of [
      '2030-01-15T09:00:00',
      '2030-01-15',
      '2030-02-31T09:00:00Z',
      '2029-02-29T09:00:00Z',
      '2030-01-15T25:00:00Z',
      'tomorrow',
      1893574800000,
    ]) {
      expect(isIsoInstant(value), String(value)).toBe(false);
    }
  });

  it('accepts a campaign with only a name, and every content field', async () => {
    expect(await validateCreate({ name: 'Weekly' })).toEqual({ name: 'Weekly' });
    const full = {
      name: 'Weekly',
      subject: 'Hi {{ subscriber.name }}',
      preheader: null,
      fromName: 'News',
      fromEmail: 'news@example.com',
      replyTo: null,
      mjml: '<mjml></mjml>',
      entries: [{ title: 'A' }],
      lists: [1, 2],
      provider: 'main',
    };
    expect(await validateCreate(full)).toEqual(full);
    expect(await validateUpdate({})).toEqual({});
  });

  it('refuses fields that belong to the state machine, and lists every problem in the message', async () => {
    const { message, paths } = await refusal(validateCreate({ name: ' ', status: 'sent', html: 'x', lists: [0, '2'] }));
    expect(message).toContain('name cannot be blank');
    expect(message).toContain('These fields cannot be set here: status, html');
    expect(message).toContain('lists[0] must be a positive number');
    expect(message).toContain('lists[1] must be a `number` type');
    expect(paths).toEqual(expect.arrayContaining(['name', 'lists.0', 'lists.1']));
    expect((await refusal(validateUpdate({ entries: [[1]] }))).message).toContain('entries[0] must be an object');
    expect((await refusal(validateUpdate(null))).message).toBe('The request body must be a JSON object');
    expect((await refusal(validateUpdate([]))).message).toBe('The request body must be a JSON object');
  });

  it("takes a campaign's tracking whole or in part, and names the field it refuses", async () => {
    const tracking = { mode: 'aggregate', opens: false, clicks: true };
    expect(await validateCreate({ name: 'Weekly', tracking })).toEqual({ name: 'Weekly', tracking });
    expect(await validateUpdate({ tracking: { clicks: false } })).toEqual({ tracking: { clicks: false } });
    for (const [given, said] of [
      [{ mode: 'loud' }, 'tracking.mode must be one of off, people, aggregate'],
      [{ mode: 1 }, 'tracking.mode must be one of off, people, aggregate'],
      [{ opens: 'yes' }, 'tracking.opens must be true or false'],
      [{ clicks: null }, 'tracking.clicks must be true or false'],
      [{ mode: 'people', pixel: true }, 'tracking takes only mode, opens and clicks: pixel cannot be set'],
      ['people', 'tracking must be an object with mode, opens and clicks'],
      [null, 'tracking must be an object with mode, opens and clicks'],
    ] as const) {
      const { message, paths } = await refusal(validateUpdate({ tracking: given }));
      expect(message, JSON.stringify(given)).toContain(said);
      expect(paths.join(), JSON.stringify(given)).toMatch(/^tracking/);
    }
  });

  it('validates a schedule', async () => {
    expect(await validateSchedule({ scheduledAt: '2030-01-15T09:00:00+01:00', timezone: 'Europe/Paris' })).toEqual({
      scheduledAt: '2030-01-15T09:00:00+01:00',
      timezone: 'Europe/Paris',
    });
    const { message } = await refusal(validateSchedule({ scheduledAt: '2030-01-15 09:00', timezone: 'Paris' }));
    expect(message).toBe(
      'scheduledAt must be an ISO 8601 date-time with an offset, such as 2030-01-15T09:00:00Z; timezone must be an IANA time zone, such as Europe/Paris',
    );
  });

  it('validates a re-send and a test send', async () => {
    expect(await validateResend({ statuses: ['failed', 'unknown'] })).toEqual({ statuses: ['failed', 'unknown'] });
    expect((await refusal(validateResend({ statuses: ['bounced'] }))).message).toMatch(
      /statuses\[0\] must be one of the following values: failed, unknown/,
    );
    expect(await validateTestSend({ emails: ['a@example.com'] })).toEqual({ emails: ['a@example.com'] });
    const eleven = Array.from({ length: 11 }, (_, i) => `t${i}@example.com`);
    expect((await refusal(validateTestSend({ emails: eleven }))).message).toBe('emails takes at most 10 addresses');
    expect((await refusal(validateTestSend({ emails: ['a@example.com', 'nope'] }))).message).toBe(
      'emails[1] must be an email address',
    );
  });

  it('casts and bounds query strings', async () => {
    expect(await validateListQuery({ page: '2', pageSize: '50', status: 'sent', search: ' news ', sort: 'x' })).toEqual(
      {
        page: 2,
        pageSize: 50,
        status: 'sent',
        search: 'news',
      },
    );
    expect(await validateListQuery({})).toEqual({ page: 1, pageSize: 20 });
    expect((await refusal(validateListQuery({ pageSize: '101' }))).message).toBe(
      'pageSize must be less than or equal to 100',
    );
    expect((await refusal(validateListQuery({ page: '0' }))).message).toBe('page must be greater than or equal to 1');
  });

  it('takes positive integer ids only', async () => {
    expect(await validateId('42')).toBe(42);
    for (const id of ['0', '-1', '1.5', 'abc', '1e3', '']) {
      expect((await refusal(validateId(id))).message, id).toMatch(/positive integer|required/);
    }
  });
});
