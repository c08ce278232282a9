/**
 * The pure parts of tracking hits (docs/architecture.md, "Engagement"): who is a machine
 * (classify.ts), the burst rule (burst-watch.ts), the in-memory per-IP limit (ip-limiter.ts) and
 * the pixel's bytes. The routes themselves: test/integration/tracking-hits.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { BurstWatch } from '../../server/src/services/tracking/burst-watch';
import {
  classifyClick,
  classifyOpen,
  isApplePrivacyProxyAgent,
  type HitFacts,
} from '../../server/src/services/tracking/classify';
import { IpLimiter } from '../../server/src/services/tracking/ip-limiter';
import { PIXEL_HEADERS, TRANSPARENT_GIF } from '../../server/src/services/tracking/transparent-gif';

const SENT = 1_790_000_000;
const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
const APPLE_MAIL = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)';
const SAFARI =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15';

/** A GET `afterSeconds` after sending. */
const hit = (userAgent: string | undefined, afterSeconds: number, method = 'GET'): HitFacts => ({
  method,
  userAgent,
  sentAt: SENT,
  nowMs: (SENT + afterSeconds) * 1000,
});

describe('classifyOpen', () => {
  it("counts Apple Mail's agent as the privacy proxy within proxyWindowSeconds of sending, and as a person after", () => {
    expect(classifyOpen(hit(APPLE_MAIL, 30), 3600)).toBe('privacy-proxy');
    expect(classifyOpen(hit(APPLE_MAIL, 3600), 3600)).toBe('privacy-proxy');
    expect(classifyOpen(hit(APPLE_MAIL, 3601), 3600)).toBeNull();
    // The window is the setting's: a shorter one makes the same hit a person's.
    expect(classifyOpen(hit(APPLE_MAIL, 30), 10)).toBeNull();
  });

  it("knows the proxy's agents and no browser's", () => {
    expect(isApplePrivacyProxyAgent('Mozilla/5.0')).toBe(true);
    expect(isApplePrivacyProxyAgent(APPLE_MAIL)).toBe(true);
    expect(
      isApplePrivacyProxyAgent(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
      ),
    ).toBe(true);
    expect(isApplePrivacyProxyAgent(SAFARI)).toBe(false);
    expect(isApplePrivacyProxyAgent(CHROME)).toBe(false);
  });

  it('counts the bare Mozilla/5.0 (a known bot agent), a bot, HEAD and no user agent as machines at any time', () => {
    expect(classifyOpen(hit('Mozilla/5.0', 86_400), 3600)).toBe('bot');
    expect(classifyOpen(hit('Googlebot/2.1 (+http://www.google.com/bot.html)', 86_400), 3600)).toBe('bot');
    expect(classifyOpen(hit(CHROME, 86_400, 'HEAD'), 3600)).toBe('head');
    expect(classifyOpen(hit(undefined, 86_400), 3600)).toBe('no-agent');
    expect(classifyOpen(hit('   ', 86_400), 3600)).toBe('no-agent');
  });

  it('counts a browser as a person, even right after sending', () => {
    expect(classifyOpen(hit(CHROME, 1), 3600)).toBeNull();
    expect(classifyOpen(hit(SAFARI, 1), 3600)).toBeNull();
  });
});

describe('classifyClick', () => {
  it('counts a click within scannerWindowSeconds of sending as a scanner, and a later one as a person', () => {
    expect(classifyClick(hit(CHROME, 2), 10)).toBe('scanner-window');
    expect(classifyClick(hit(CHROME, 10), 10)).toBe('scanner-window');
    expect(classifyClick(hit(CHROME, 11), 10)).toBeNull();
    // The window is the setting's.
    expect(classifyClick(hit(CHROME, 2), 1)).toBeNull();
  });

  it('counts HEAD, a bot and no user agent as machines long after sending', () => {
    expect(classifyClick(hit(CHROME, 3600, 'HEAD'), 10)).toBe('head');
    expect(classifyClick(hit('curl/8.5.0', 3600), 10)).toBe('bot');
    expect(classifyClick(hit('', 3600), 10)).toBe('no-agent');
  });
});

describe('BurstWatch', () => {
  const click = (deliveryId: number, linkId: number, atMs: number, hitId: string, linkCount = 3) => ({
    deliveryId,
    linkId,
    atMs,
    hitId,
    linkCount,
  });

  it('names every click of a message whose links were all clicked within one second', () => {
    const watch = new BurstWatch();
    expect(watch.click(click(1, 10, 0, 'a'))).toEqual([]);
    expect(watch.click(click(1, 11, 300, 'b'))).toEqual([]);
    expect(watch.click(click(1, 12, 900, 'c'))).toEqual(['a', 'b', 'c']);
    // A further click within the second joins the burst.
    expect(watch.click(click(1, 10, 950, 'd'))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('sees no burst over more than a second, across deliveries, or in a message of one link', () => {
    const watch = new BurstWatch();
    watch.click(click(1, 10, 0, 'a'));
    watch.click(click(1, 11, 600, 'b'));
    expect(watch.click(click(1, 12, 1000, 'c'))).toEqual([]);
    watch.click(click(2, 10, 0, 'x'));
    expect(watch.click(click(3, 11, 10, 'y', 2))).toEqual([]);
    expect(watch.click(click(4, 10, 0, 'z', 1))).toEqual([]);
    expect(watch.click(click(4, 10, 10, 'z2', 1))).toEqual([]);
    // The same link twice is not every link.
    const again = new BurstWatch();
    again.click(click(5, 10, 0, 'p', 2));
    expect(again.click(click(5, 10, 5, 'q', 2))).toEqual([]);
  });

  it('stays bounded, forgetting the delivery seen least recently', () => {
    const watch = new BurstWatch(100);
    for (let delivery = 0; delivery < 10_000; delivery++) watch.click(click(delivery, 10, delivery, `h${delivery}`));
    expect(watch.size).toBe(100);
  });
});

describe('IpLimiter', () => {
  it('allows hitsPerIpPerMinute per key in a minute, then answers how long to wait', () => {
    const limiter = new IpLimiter();
    const start = 120_000 + 15_000;
    for (let i = 0; i < 3; i++) expect(limiter.hit('203.0.113.7', 3, start)).toEqual({ allowed: true });
    expect(limiter.hit('203.0.113.7', 3, start + 1)).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(limiter.hit('198.51.100.1', 3, start)).toEqual({ allowed: true });
    // The next minute starts afresh, and a higher limit allows more.
    expect(limiter.hit('203.0.113.7', 3, 180_000)).toEqual({ allowed: true });
    for (let i = 0; i < 5; i++) limiter.hit('x', 10, start);
    expect(limiter.hit('x', 10, start)).toEqual({ allowed: true });
  });
});

describe('the pixel', () => {
  it('is a 43-byte 1×1 GIF89a with a transparent colour, sent with headers no cache keeps', () => {
    expect(TRANSPARENT_GIF.length).toBe(43);
    expect(TRANSPARENT_GIF.subarray(0, 6).toString('latin1')).toBe('GIF89a');
    expect(TRANSPARENT_GIF.readUInt16LE(6)).toBe(1);
    expect(TRANSPARENT_GIF.readUInt16LE(8)).toBe(1);
    // Graphic control extension with the transparency flag set.
    const gce = TRANSPARENT_GIF.indexOf(Buffer.from([0x21, 0xf9, 0x04]));
    expect(gce).toBeGreaterThan(0);
    expect(TRANSPARENT_GIF[gce + 3] & 1).toBe(1);
    expect(PIXEL_HEADERS['Cache-Control']).toBe('no-store, no-cache, must-revalidate, private, max-age=0');
  });
});
