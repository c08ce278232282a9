import { describe, expect, it } from 'vitest';
import { signTrackingToken, verifyTrackingToken } from '../../server/src/services/tracking/tokens';

const click = {
  kind: 'click' as const,
  campaignId: 7,
  deliveryId: 4201,
  subscriberId: 99,
  linkId: 3,
  sentAt: 1_790_000_000,
  mode: 'people' as const,
};
const open = {
  kind: 'open' as const,
  campaignId: 7,
  deliveryId: 4201,
  subscriberId: 99,
  sentAt: 1_790_000_000,
  mode: 'aggregate' as const,
};

describe('tracking tokens', () => {
  it('round-trips a click and an open, with their mode', () => {
    expect(verifyTrackingToken('s3cret', signTrackingToken('s3cret', click), 'click')).toEqual(click);
    expect(verifyTrackingToken('s3cret', signTrackingToken('s3cret', open), 'open')).toEqual(open);
  });

  it('refuses another secret, an altered body or signature, and the other kind', () => {
    const token = signTrackingToken('s3cret', click);
    expect(verifyTrackingToken('other', token, 'click')).toBeNull();
    const [body, mac] = token.split('.');
    const forged = Buffer.from(Buffer.from(body, 'base64url').toString().replace('.3.', '.4.')).toString('base64url');
    expect(verifyTrackingToken('s3cret', `${forged}.${mac}`, 'click')).toBeNull();
    expect(verifyTrackingToken('s3cret', `${body}.${mac.slice(0, -1)}A`, 'click')).toBeNull();
    expect(verifyTrackingToken('s3cret', token, 'open')).toBeNull();
    expect(verifyTrackingToken('s3cret', 'https://evil.example/', 'click')).toBeNull();
    expect(verifyTrackingToken('s3cret', undefined, 'click')).toBeNull();
  });

  it('verifies with every secret while rotating, signs with the first', () => {
    const token = signTrackingToken(['new', 'old'], click);
    expect(verifyTrackingToken(['old', 'new'], token, 'click')).toEqual(click);
    expect(verifyTrackingToken('old', token, 'click')).toBeNull();
  });

  it('refuses to sign what it could not verify', () => {
    expect(() => signTrackingToken('s', { ...click, linkId: undefined })).toThrow(/link/);
    expect(() => signTrackingToken('s', { ...open, linkId: 2 })).toThrow(/link/);
    expect(() => signTrackingToken('s', { ...click, deliveryId: 0 })).toThrow(/deliveryId/);
  });
});
