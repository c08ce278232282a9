import { describe, expect, it } from 'vitest';
import { readSlugs, readSubscribeInput } from '../../server/src/controllers/audience/subscribe-input';

describe('readSubscribeInput', () => {
  it('reads a JSON or form body into a request', () => {
    expect(
      readSubscribeInput({
        email: 'An@Example.com',
        name: ' An ',
        lists: 'news,offers',
        locale: 'vi-VN',
        consent: 'on',
      }),
    ).toEqual({
      honeypot: false,
      request: {
        email: 'an@example.com',
        name: 'An',
        lists: ['news', 'offers'],
        form: null,
        locale: 'vi',
        consent: true,
      },
    });
    expect(readSubscribeInput({ email: 'a@example.com', form: 'footer' })).toMatchObject({
      request: { form: 'footer', lists: [], consent: false, locale: null },
    });
  });

  it('recognises a filled honeypot before looking at anything else', () => {
    expect(readSubscribeInput({ website: 'http://spam.example', email: 42, form: 'footer' })).toEqual({
      honeypot: true,
      form: 'footer',
    });
    expect(readSubscribeInput({ website: '   ', email: 'a@example.com', lists: ['news'] })).toMatchObject({
      honeypot: false,
    });
  });

  it.each([
    [null, 'JSON or as a form'],
    [{}, 'missing'],
    [{ email: ['a@example.com'] }, 'must be text'],
    [{ email: 'a@example.com', name: 'x\r\nBcc: y@example.com' }, 'control characters'],
    [{ email: 'a@example.com', name: 5 }, 'must be text'],
    [{ email: 'a@example.com', lists: [1] }, 'slug'],
    [{ email: 'a@example.com', lists: 'News!' }, 'slug'],
    [{ email: 'a@example.com', lists: { $ne: 1 } }, 'slug'],
    [{ email: 'a@example.com', form: ['a'] }, 'slug of a form'],
    [{ email: 'a@example.com', locale: { a: 1 } }, 'language tag'],
    [{ email: 'a@example.com', consent: { yes: true } }, 'consent'],
  ])('refuses %j with a clear message', (body, message) => {
    expect(() => readSubscribeInput(body as any)).toThrow(
      expect.objectContaining({ name: 'ValidationError', message: expect.stringContaining(message) }),
    );
  });

  it('caps the number of lists', () => {
    expect(readSlugs(Array.from({ length: 20 }, (_, i) => `l${i}`))).toHaveLength(20);
    expect(() => readSlugs(Array.from({ length: 21 }, (_, i) => `l${i}`))).toThrow(/at most 20/);
    expect(readSlugs(['a', 'a', 'b'])).toEqual(['a', 'b']);
  });
});
