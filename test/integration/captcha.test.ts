/**
 * The captcha of the subscribe route (issue #10, list bombing): with it on, a request without a
 * solution, with a wrong one, or replaying a used one is refused with 400, through the API and
 * through a form, on this instance and on a second Strapi process sharing the database; a fresh
 * solution passes once. Solutions are computed here with altcha-lib, as the widget computes them
 * (the widget itself, in Chromium: test/e2e/captcha.test.ts). Also: each captcha setting, and a
 * verifier of the site's own (`captcha.verify`) under the same single-use rule.
 * Runs on PostgreSQL (SQLite when PostgreSQL is not running, outside CI).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solveChallenge } from 'altcha-lib';
import { TABLES, UID } from '../../server/src/constants';
import { unavailableReason } from '../helpers/database';
import { bootStrapi, type TestStrapi } from '../helpers/strapi';
import { startStrapiProcess, type StrapiProcess } from '../helpers/strapi-process';
import { clock } from '../helpers/fixtures';
import { burst, type BurstAnswer } from '../helpers/http-burst';

const PUBLIC = '/api/email-campaigns';
const CAPTCHA = { enabled: true, maxNumber: 2000, expiryMinutes: 3 };
const postgresMissing = await unavailableReason('postgres');
if (postgresMissing && process.env.CI) throw new Error(`CI needs postgres: ${postgresMissing}`);

interface Challenge {
  algorithm: string;
  challenge: string;
  maxnumber: number;
  salt: string;
  signature: string;
}

/** What the widget puts in the form: its solution of a challenge, as base64 JSON. */
async function solve(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}${PUBLIC}/captcha/challenge`);
  expect(res.status).toBe(200);
  const challenge = (await res.json()) as Challenge;
  const solution = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber)
    .promise;
  const { algorithm, salt, signature } = challenge;
  return btoa(JSON.stringify({ algorithm, challenge: challenge.challenge, number: solution!.number, salt, signature }));
}

describe(`captcha on the subscribe route (${postgresMissing ? 'sqlite' : 'postgres'})`, () => {
  let app: TestStrapi;
  let other: StrapiProcess | undefined;
  let seq = 0;
  let mails = 0;
  const email = () => `captcha-${++mails}@example.test`;

  // Each request from an address of its own (all of 127.0.0.0/8 is this machine), so the per-IP
  // limit of the subscribe route, in whatever store it is counted, never answers instead.
  const send = async (baseUrl: string, headers: Record<string, string>, body: string) => {
    const n = ++seq;
    const [answer] = await burst(
      baseUrl,
      [
        {
          method: 'POST',
          path: `${PUBLIC}/subscribe`,
          headers,
          body,
          localAddress: `127.2.${n >> 8}.${(n % 250) + 1}`,
        },
      ],
      1,
    );
    return answer;
  };
  const viaApi = (baseUrl: string, fields: Record<string, string>) =>
    send(baseUrl, { 'content-type': 'application/json' }, JSON.stringify({ lists: ['news'], ...fields }));
  const viaForm = (baseUrl: string, fields: Record<string, string>) =>
    send(
      baseUrl,
      { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      new URLSearchParams({ form: 'footer', ...fields }).toString(),
    );
  const errorOf = (answer: BurstAnswer) => (JSON.parse(answer.body) as { error: { message: string } }).error.message;
  const subscriberCount = async () =>
    Number((await app.strapi.db.connection(TABLES.subscribers).count({ n: '*' }).first())?.n);

  beforeAll(async () => {
    app = await bootStrapi({
      db: postgresMissing ? 'sqlite' : 'postgres',
      env: { EMAIL_CAMPAIGNS_CAPTCHA: JSON.stringify(CAPTCHA) },
    });
    const news = await app.strapi
      .documents(UID.list)
      .create({ data: { name: 'News', slug: 'news', doubleOptIn: true, public: true } as never });
    await app.strapi
      .documents(UID.form)
      .create({ data: { name: 'Footer', slug: 'footer', lists: [news.documentId], doubleOptIn: true } as never });
  });

  afterAll(async () => {
    await other?.kill('SIGKILL');
    await app?.stop();
  });

  it('refuses a request without a solution or with a wrong one (400), through the API and the form, writing nothing', async () => {
    const before = await subscriberCount();
    const good = await solve(app.url);
    const decoded = JSON.parse(atob(good));
    const wrongNumber = btoa(JSON.stringify({ ...decoded, number: decoded.number + 1 }));
    const forged = btoa(JSON.stringify({ ...decoded, signature: '0'.repeat(64) }));
    const testMode = btoa(JSON.stringify({ algorithm: 'SHA-256', challenge: null, number: 0, test: true }));
    for (const send of [viaApi, viaForm]) {
      const missing = await send(app.url, { email: email() });
      expect(missing.status).toBe(400);
      expect(errorOf(missing)).toBe('Please complete the captcha before subscribing.');
      for (const altcha of [wrongNumber, forged, testMode, 'not base64 at all', 'x'.repeat(5000)]) {
        const wrong = await send(app.url, { email: email(), altcha });
        expect(wrong.status).toBe(400);
        expect(errorOf(wrong)).toMatch(/^The captcha was not solved, or its challenge has expired/);
      }
    }
    expect(await subscriberCount()).toBe(before);
  });

  it('lets a solution pass once, through the API and the form, and refuses its replay (400)', async () => {
    for (const send of [viaApi, viaForm]) {
      const altcha = await solve(app.url);
      const first = await send(app.url, { email: email(), altcha });
      expect(first.status).toBe(200);
      const replay = await send(app.url, { email: email(), altcha });
      expect(replay.status).toBe(400);
      expect(errorOf(replay)).toBe('This captcha solution was already used. Please solve a new one.');
    }
  });

  it('refuses on a second Strapi process sharing the database a solution the first one accepted, and the reverse', async () => {
    other = await startStrapiProcess({ ...app.database.env, EMAIL_CAMPAIGNS_CAPTCHA: JSON.stringify(CAPTCHA) });
    const used = await solve(app.url);
    expect((await viaApi(app.url, { email: email(), altcha: used })).status).toBe(200);
    const replay = await viaApi(other.url, { email: email(), altcha: used });
    expect(replay.status).toBe(400);
    expect(errorOf(replay)).toBe('This captcha solution was already used. Please solve a new one.');

    const fromOther = await solve(other.url);
    expect((await viaForm(other.url, { email: email(), altcha: fromOther })).status).toBe(200);
    expect((await viaForm(app.url, { email: email(), altcha: fromOther })).status).toBe(400);
    const kept = await app.strapi.db.connection(TABLES.nonces).where('scope', 'captcha').count({ n: '*' }).first();
    expect(Number(kept?.n)).toBeGreaterThanOrEqual(4);
  });

  it('serves challenges of the configured difficulty that expire after expiryMinutes', async () => {
    const challenge = (await (await app.request(`${PUBLIC}/captcha/challenge`)).json()) as Challenge;
    expect(challenge.maxnumber).toBe(CAPTCHA.maxNumber);
    const expires = Number(new URLSearchParams(challenge.salt.split('?')[1]).get('expires')) * 1000;
    expect(Math.abs(expires - (Date.now() + CAPTCHA.expiryMinutes * 60_000))).toBeLessThan(5000);

    const stale = await solve(app.url);
    clock(app.strapi).advance(CAPTCHA.expiryMinutes * 60_000 + 1000);
    try {
      const late = await viaApi(app.url, { email: email(), altcha: stale });
      expect(late.status).toBe(400);
      expect(errorOf(late)).toMatch(/its challenge has expired/);
    } finally {
      clock(app.strapi).reset();
    }
  });

  it('puts the widget in the hosted form, its files served here, and no captcha route when it is off', async () => {
    const page = await app.request(`${PUBLIC}/forms/footer`);
    const html = await page.text();
    expect(html).toContain('<altcha-widget challengeurl="../captcha/challenge" name="altcha"');
    expect(html).toContain('<script src="../captcha/altcha.js" defer></script>');
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("worker-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    for (const file of ['altcha.js', 'worker.js', 'altcha.css']) {
      const asset = await app.request(`${PUBLIC}/captcha/${file}`);
      expect(asset.status).toBe(200);
      expect((await asset.text()).length).toBeGreaterThan(1000);
    }
    expect((await app.request(`${PUBLIC}/captcha/package.json`)).status).toBe(404);

    app.strapi.config.set('plugin::email-campaigns.captcha', { ...CAPTCHA, enabled: false });
    try {
      expect((await app.request(`${PUBLIC}/captcha/challenge`)).status).toBe(404);
      expect(await (await app.request(`${PUBLIC}/forms/footer`)).text()).not.toContain('altcha');
      expect((await viaApi(app.url, { email: email() })).status).toBe(200);
    } finally {
      app.strapi.config.set('plugin::email-campaigns.captcha', CAPTCHA);
    }
  });

  it('takes a verifier of the site’s own (captcha.verify, captcha.field) under the same single-use rule', async () => {
    const seen: string[] = [];
    app.strapi.config.set('plugin::email-campaigns.captcha', {
      ...CAPTCHA,
      field: 'cf-turnstile-response',
      verify: async (solution: string, client: { ip: string }) => {
        seen.push(client.ip);
        return solution.startsWith('good-') ? { ok: true, id: solution } : { ok: false };
      },
    });
    try {
      const field = 'cf-turnstile-response';
      expect((await viaApi(app.url, { email: email(), altcha: await solve(app.url).catch(() => 'x') })).status).toBe(
        400,
      );
      expect((await viaApi(app.url, { email: email(), [field]: 'bad-1' })).status).toBe(400);
      expect((await viaApi(app.url, { email: email(), [field]: 'good-1' })).status).toBe(200);
      const replay = await viaForm(app.url, { email: email(), [field]: 'good-1' });
      expect(replay.status).toBe(400);
      expect(errorOf(replay)).toBe('This captcha solution was already used. Please solve a new one.');
      expect(seen.length).toBe(3);
      expect(await (await app.request(`${PUBLIC}/forms/footer`)).text()).not.toContain('altcha-widget');
    } finally {
      app.strapi.config.set('plugin::email-campaigns.captcha', CAPTCHA);
    }
  });
});
