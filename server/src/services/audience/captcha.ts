/**
 * The captcha of the subscribe route (config in server/src/config/captcha.ts): ALTCHA challenges
 * signed with a key derived from `secret`, checked with altcha-lib, or the site's own verifier.
 * Either way a solution is spent in the nonce table before the request does anything, so it
 * passes once, on whichever instance, until it expires. See docs/architecture.md, "Public API and
 * pages".
 */
import { createHash, createHmac } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import { createChallenge, extractParams, verifySolution } from 'altcha-lib';
import { captchaSettings, type CaptchaConfig, type CaptchaVerdict } from '../../config/captcha';
import { getService, pluginConfig } from '../../utils/plugin';
import type { ClientInfo } from './subscriptions';

const SCOPE = 'captcha';
// Far above an ALTCHA payload (about 300 characters) or a Turnstile token (about 2,000).
const MAX_SOLUTION_LENGTH = 4096;

export const CAPTCHA_MESSAGES = {
  missing: 'Please complete the captcha before subscribing.',
  invalid: 'The captcha was not solved, or its challenge has expired. Please solve it again.',
  used: 'This captcha solution was already used. Please solve a new one.',
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const now = (): Date => getService(strapi, 'clock').now();
  // Its own key, so a challenge signature can never stand for a link token or the reverse.
  const hmacKey = () =>
    createHmac('sha256', String([pluginConfig(strapi).secret].flat()[0]))
      .update('email-campaigns altcha challenges')
      .digest('hex');

  async function altchaVerdict(solution: string): Promise<CaptchaVerdict> {
    let ok = false;
    try {
      ok = await verifySolution(solution, hmacKey(), true);
    } catch {
      ok = false;
    }
    if (!ok) return { ok: false };
    // Signed by us, so it names its challenge and carries the expiry we gave it.
    const { challenge } = JSON.parse(Buffer.from(solution, 'base64').toString()) as { challenge: string };
    return { ok: true, id: challenge, expiresAt: Number(extractParams(solution).expires) * 1000 };
  }

  async function verdictOf(settings: CaptchaConfig, solution: string, client: ClientInfo): Promise<CaptchaVerdict> {
    if (!settings.verify) return altchaVerdict(solution);
    try {
      return await settings.verify(solution, client);
    } catch (error) {
      strapi.log.warn(`[email-campaigns] captcha.verify failed: ${(error as Error).message}`);
      return { ok: false };
    }
  }

  return {
    enabled(): boolean {
      return captchaSettings(strapi).enabled;
    },

    /** Whether the hosted form and the snippet carry the ALTCHA widget. */
    widget(): boolean {
      const settings = captchaSettings(strapi);
      return settings.enabled && !settings.verify;
    },

    /** A fresh challenge for the widget: signed, valid for `expiryMinutes`. */
    async challenge() {
      const { expiryMinutes, maxNumber } = captchaSettings(strapi);
      return createChallenge({
        hmacKey: hmacKey(),
        maxNumber,
        expires: new Date(now().getTime() + expiryMinutes * 60_000),
      });
    },

    /**
     * Checks the solution a subscribe request carries and spends it, or answers 400. Nothing
     * when the captcha is off.
     */
    async check(body: Record<string, unknown>, client: ClientInfo): Promise<void> {
      const settings = captchaSettings(strapi);
      if (!settings.enabled) return;
      const solution = body[settings.field];
      if (typeof solution !== 'string' || solution.trim() === '')
        throw new errors.ValidationError(CAPTCHA_MESSAGES.missing);
      if (solution.length > MAX_SOLUTION_LENGTH) throw new errors.ValidationError(CAPTCHA_MESSAGES.invalid);

      const verdict = await verdictOf(settings, solution, client);
      if (!verdict.ok || typeof verdict.id !== 'string' || verdict.id === '')
        throw new errors.ValidationError(CAPTCHA_MESSAGES.invalid);
      const fallback = now().getTime() + settings.expiryMinutes * 60_000;
      const expiresAt = new Date(verdict.expiresAt === undefined ? fallback : verdict.expiresAt);
      if (!(expiresAt.getTime() > now().getTime())) throw new errors.ValidationError(CAPTCHA_MESSAGES.invalid);

      const nonces = getService(strapi, 'nonces');
      // Hashed: a verifier's id may be long, and the table needs none of it.
      const value = createHash('sha256').update(verdict.id).digest('hex');
      const [first] = await strapi.db.transaction(({ trx }: { trx: Knex.Transaction }) =>
        nonces.use(trx, SCOPE, [{ value, expiresAt }]),
      );
      if (!first) throw new errors.ValidationError(CAPTCHA_MESSAGES.used);
      await nonces.purgeExpired();
    },
  };
};
