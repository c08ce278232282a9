/**
 * The captcha of the public subscribe route (docs/architecture.md, "Public API and pages"): off by
 * default; when on, every subscribe request, through the API or a form, carries a solved
 * challenge that is used once across instances. The built-in one is ALTCHA (proof of work, no
 * third party); `verify` plugs in another (Turnstile, hCaptcha...) under the same single-use rule.
 */
import type { Core } from '@strapi/strapi';
import { ConfigError } from './config-error';
import { PLUGIN_ID } from '../constants';

/** What a verifier says of one solution: whether it holds, its id, and until when it could be replayed. */
export interface CaptchaVerdict {
  ok: boolean;
  /** Unique per solution: it is spent in the database, so no instance accepts it twice. */
  id?: string;
  /** When the solution would go stale anyway; the spent id is kept until then. */
  expiresAt?: Date | number;
}

export type CaptchaVerifier = (
  solution: string,
  client: { ip: string; userAgent: string },
) => Promise<CaptchaVerdict> | CaptchaVerdict;

export interface CaptchaConfig {
  enabled: boolean;
  /** Minutes a challenge may be solved and used in. */
  expiryMinutes: number;
  /** ALTCHA's difficulty: the solver tries up to this many numbers (about half on average). */
  maxNumber: number;
  /** The request field that carries the solution. */
  field: string;
  /** Another verifier instead of ALTCHA; the hosted form then shows no widget. */
  verify?: CaptchaVerifier;
}

export const DEFAULT_CAPTCHA: CaptchaConfig = { enabled: false, expiryMinutes: 5, maxNumber: 50_000, field: 'altcha' };

const FIELD = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_EXPIRY_MINUTES = 60;

export function validateCaptcha(captcha: unknown) {
  if (captcha === undefined) return;
  if (typeof captcha !== 'object' || captcha === null || Array.isArray(captcha))
    throw new ConfigError('captcha', 'is not an object', 'Give it e.g. { enabled: true }, or leave it out.');
  const { enabled, expiryMinutes, maxNumber, field, verify, ...rest } = captcha as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown)
    throw new ConfigError(
      `captcha.${unknown}`,
      'is not a setting',
      'Use enabled, expiryMinutes, maxNumber, field, verify.',
    );
  if (enabled !== undefined && typeof enabled !== 'boolean')
    throw new ConfigError('captcha.enabled', `is ${JSON.stringify(enabled)}`, 'Use true or false.');
  if (expiryMinutes !== undefined && !wholeNumber(expiryMinutes, 1, MAX_EXPIRY_MINUTES))
    throw new ConfigError(
      'captcha.expiryMinutes',
      `is ${JSON.stringify(expiryMinutes)}`,
      `Use a whole number of minutes from 1 to ${MAX_EXPIRY_MINUTES}.`,
    );
  if (maxNumber !== undefined && !wholeNumber(maxNumber, 1000, 10_000_000))
    throw new ConfigError(
      'captcha.maxNumber',
      `is ${JSON.stringify(maxNumber)}`,
      'Use a whole number from 1,000 to 10,000,000 (the default 50,000 takes a phone about a second).',
    );
  if (field !== undefined && !(typeof field === 'string' && FIELD.test(field)))
    throw new ConfigError(
      'captcha.field',
      `is ${JSON.stringify(field)}`,
      'Use a form field name: letters, digits, - or _.',
    );
  if (verify !== undefined && typeof verify !== 'function')
    throw new ConfigError(
      'captcha.verify',
      'is not a function',
      'Give it async (solution, client) => ({ ok, id, expiresAt }), or leave it out for ALTCHA.',
    );
}

/** The captcha settings in force, read on every request so that a test can change them at run time. */
export function captchaSettings(strapi: Core.Strapi): CaptchaConfig {
  const configured = (strapi.config.get(`plugin::${PLUGIN_ID}.captcha`) ?? {}) as Partial<CaptchaConfig>;
  return { ...DEFAULT_CAPTCHA, ...configured };
}

function wholeNumber(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}
