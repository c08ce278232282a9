// Tracked render vs plain render: the per-recipient cost tracking adds to a message
// (docs/architecture.md, "Engagement"). Both render the newsletter fixture, compiled and parsed
// once; the tracked side renders the copy with link and pixel slots, signing one click token per
// tracked link and one open token per recipient, as services/tracking/tracked-mail.ts does.
const path = require('node:path');
const runChild = require('./lib/child');
const { loadComposer, newsletter, ROOT } = require('./lib/composer');
const { loadTypeScript } = require('./lib/typescript');
const { summary, timeRuns, round } = require('./lib/stats');

const TRACKING = path.join(ROOT, 'server', 'src', 'services', 'tracking');
const BASE = 'https://news.example.test';

const vars = (i) => ({
  subscriber: { id: i, email: `person-${i}@example.test`, name: `Person ${i}`, locale: 'en', attributes: {} },
  campaign: { id: 42, name: 'Week 23' },
  unsubscribe_url: `${BASE}/api/email-campaigns/unsubscribe?token=${'x'.repeat(120)}${i}`,
  preferences_url: `${BASE}/api/email-campaigns/preferences?token=${'y'.repeat(100)}${i}`,
});

async function main() {
  const composer = loadComposer();
  const tracking = loadTypeScript(
    path.join(TRACKING, 'links.ts'),
    path.join(TRACKING, 'slots.ts'),
    path.join(TRACKING, 'tokens.ts'),
  );
  const n = newsletter();
  const compiled = await composer.compileCampaign({
    mjml: n.mjml,
    campaign: { id: 42, name: 'Week 23', subject: n.subject, preheader: n.preheader },
    entries: n.entries,
  });
  if (compiled.errors.length) throw new Error(`the fixture does not compile: ${JSON.stringify(compiled.errors)}`);

  let slotted;
  const slotMs = await timeRuns(
    () =>
      (slotted = tracking.withTrackingSlots(compiled.html, tracking.findAnchors(compiled.html), {
        clicks: true,
        opens: true,
      })),
    { times: 50, warmup: 5 },
  );
  const plain = composer.prepareTemplate({ html: compiled.html, subject: n.subject });
  const tracked = composer.prepareTemplate({ html: slotted.html, subject: n.subject });
  const linkIds = slotted.urls.map((_url, i) => 1000 + i);

  const trackedVars = (i) => {
    const token = {
      campaignId: 42,
      deliveryId: 100_000 + i,
      subscriberId: i + 1,
      sentAt: 1_790_000_000,
      mode: 'people',
    };
    const sign = (t) => tracking.signTrackingToken('bench-secret', t);
    return {
      ...vars(i),
      [tracking.TRACKING_VARIABLE]: {
        links: linkIds.map((linkId) => `${BASE}/api/email-campaigns/l/${sign({ ...token, kind: 'click', linkId })}`),
        open: `${BASE}/api/email-campaigns/o/${sign({ ...token, kind: 'open' })}`,
      },
    };
  };

  // Alternated in rounds, so a busy machine slows both sides alike.
  const plainMs = [];
  const trackedMs = [];
  for (let pass = 0; pass < 5; pass++) {
    plainMs.push(...(await timeRuns((i) => composer.renderMessage(plain, vars(i)), { times: 400, warmup: 40 })));
    trackedMs.push(
      ...(await timeRuns((i) => composer.renderMessage(tracked, trackedVars(i)), { times: 400, warmup: 40 })),
    );
  }
  const sample = composer.renderMessage(tracked, trackedVars(1));
  const base = summary(plainMs);
  const withTracking = summary(trackedMs);
  return {
    template: {
      compiledHtmlBytes: Buffer.byteLength(compiled.html),
      trackedLinks: slotted.urls.length,
      trackedHtmlBytes: Buffer.byteLength(sample.html),
    },
    slotsMs: summary(slotMs),
    plainRenderMs: base,
    trackedRenderMs: withTracking,
    trackedOverPlain: round(withTracking.median / base.median, 2),
  };
}

runChild(main);
