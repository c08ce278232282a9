import cron from 'node-cron';
import { PRESETS, PRESET_NAMES } from './presets';
import type { PluginConfig, ProviderConfig } from './defaults';
import { ConfigError } from './config-error';
import { validateFeedback } from './validate-feedback';
import { validateConfirmationBudget } from './confirmation-budget';
import { validateCaptcha } from './captcha';
import { validateTracking } from './tracking';
import { inspectDkimKey } from '../services/sending/dkim-key';

export { ConfigError };

const LIMIT_KEYS = ['perSecond', 'perMinute', 'perHour', 'perDay'] as const;
const PROVIDER_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/i;
// What SES accepts as a configuration set name.
const SES_NAME = /^[A-Za-z0-9_-]{1,64}$/;

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

function validateUrl(key: string, value: unknown) {
  if (value === undefined) return;
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol)) {
    throw new ConfigError(
      key,
      `is ${JSON.stringify(value)}, not an http(s) URL`,
      'Set it to the public base URL of the site, e.g. https://example.com.',
    );
  }
}

function validateProvider(name: string, provider: ProviderConfig) {
  const key = `providers.${name}`;
  if (!PROVIDER_NAME.test(name)) {
    throw new ConfigError(key, 'has an invalid name', 'Use letters, digits, "-" or "_" (at most 64).');
  }
  if (typeof provider !== 'object' || provider === null) {
    throw new ConfigError(key, 'is not an object', 'Give it at least { preset } or { host, port }.');
  }
  if (provider.preset !== undefined && !PRESETS[provider.preset]) {
    throw new ConfigError(`${key}.preset`, `is "${provider.preset}"`, `Use one of: ${PRESET_NAMES.join(', ')}.`);
  }
  const host = provider.host ?? (provider.preset ? PRESETS[provider.preset].host : undefined);
  if (!host || typeof host !== 'string') {
    throw new ConfigError(`${key}.host`, 'is missing', 'Set the SMTP host name, or choose a preset such as "gmail".');
  }
  if (provider.port !== undefined && !(isPositiveInteger(provider.port) && provider.port < 65536)) {
    throw new ConfigError(
      `${key}.port`,
      `is ${JSON.stringify(provider.port)}`,
      'Use a TCP port between 1 and 65535 (usually 465, 587 or 25).',
    );
  }
  if (provider.secure !== undefined && typeof provider.secure !== 'boolean') {
    throw new ConfigError(
      `${key}.secure`,
      'is not a boolean',
      'Use true for implicit TLS (port 465), false for STARTTLS.',
    );
  }
  if (provider.requireTLS !== undefined && typeof provider.requireTLS !== 'boolean') {
    throw new ConfigError(
      `${key}.requireTLS`,
      'is not a boolean',
      'Leave it out (on for every host but this machine), or use false only for a server without TLS.',
    );
  }
  if (provider.maxConnections !== undefined && !isPositiveInteger(provider.maxConnections)) {
    throw new ConfigError(
      `${key}.maxConnections`,
      `is ${JSON.stringify(provider.maxConnections)}`,
      'Use a whole number of at least 1.',
    );
  }
  for (const limit of LIMIT_KEYS) {
    const value = provider.limits?.[limit];
    if (value !== undefined && value !== null && !isPositiveInteger(value)) {
      throw new ConfigError(
        `${key}.limits.${limit}`,
        `is ${JSON.stringify(value)}`,
        'Use a whole number of at least 1, or leave it out for no limit.',
      );
    }
  }
  validateConfirmationBudget(key, provider);
  if (provider.dkim !== undefined) {
    for (const field of ['domainName', 'keySelector', 'privateKey'] as const) {
      if (typeof provider.dkim[field] !== 'string' || !provider.dkim[field]) {
        throw new ConfigError(
          `${key}.dkim.${field}`,
          'is missing',
          'DKIM needs domainName, keySelector and privateKey (PEM).',
        );
      }
    }
    // A key nodemailer cannot sign with would send every message unsigned, silently.
    const signing = inspectDkimKey(provider.dkim.privateKey);
    if (!signing.ok) throw new ConfigError(`${key}.dkim.privateKey`, signing.problem, signing.fix);
  }
  const configurationSet = provider.sesConfigurationSet;
  if (configurationSet !== undefined && !(typeof configurationSet === 'string' && SES_NAME.test(configurationSet))) {
    throw new ConfigError(
      `${key}.sesConfigurationSet`,
      `is ${JSON.stringify(configurationSet)}`,
      'Use the name of a configuration set of your SES account: letters, digits, "-" or "_" (at most 64).',
    );
  }
}

const SECRET_FIX =
  'Set it to a long random string, e.g. secret: env("EMAIL_CAMPAIGNS_SECRET") with the output of `openssl rand -base64 32`.';

/** One secret, or a list while rotating one out: the first signs, every one verifies. */
function validateSecret(secret: unknown) {
  if (Array.isArray(secret)) {
    if (secret.length === 0) throw new ConfigError('secret', 'is an empty list', SECRET_FIX);
    secret.forEach((one, index) => checkOneSecret(`secret[${index}]`, one));
    return;
  }
  checkOneSecret('secret', secret);
}

function checkOneSecret(key: string, secret: unknown) {
  if (typeof secret !== 'string' || secret.length < 16) {
    throw new ConfigError(key, secret ? 'is shorter than 16 characters' : 'is missing', SECRET_FIX);
  }
}

/** In production, links in mail must point at the site over https: http links leak tokens on the way. */
function validatePublicUrl(publicUrl: unknown, environment: string | undefined) {
  validateUrl('publicUrl', publicUrl);
  if (environment !== 'production') return;
  if (publicUrl === undefined || new URL(publicUrl as string).protocol !== 'https:') {
    throw new ConfigError(
      'publicUrl',
      publicUrl === undefined
        ? 'is missing in production'
        : `is ${JSON.stringify(publicUrl)}, not https, in production`,
      'Set it to the https address of the site, e.g. publicUrl: "https://example.com".',
    );
  }
}

/**
 * Throws a ConfigError on the first problem; Strapi stops the boot with its message. `environment`
 * is NODE_ENV: production asks more of `publicUrl`.
 */
export function validateConfig(config: PluginConfig, environment: string | undefined = process.env.NODE_ENV) {
  validateSecret(config.secret);
  validatePublicUrl(config.publicUrl, environment);
  if (config.cron !== false && (typeof config.cron !== 'string' || !cron.validate(config.cron))) {
    throw new ConfigError(
      'cron',
      `is ${JSON.stringify(config.cron)}, not a valid cron expression`,
      'Use a node-cron expression such as "*/10 * * * * *" (every 10 seconds), or false.',
    );
  }
  for (const key of [
    'batchSize',
    'leaseSeconds',
    'maxAttempts',
    'pendingPurgeDays',
    'preferencesLinkDays',
    'confirmationIntervalMinutes',
    'maxBodyBytes',
    'maxAttachmentBytes',
  ] as const) {
    if (!isPositiveInteger(config[key])) {
      throw new ConfigError(key, `is ${JSON.stringify(config[key])}`, 'Use a whole number of at least 1.');
    }
  }
  for (const [key, value] of Object.entries(config.rateLimit ?? {})) {
    if (!isPositiveInteger(value)) {
      throw new ConfigError(`rateLimit.${key}`, `is ${JSON.stringify(value)}`, 'Use a whole number of at least 1.');
    }
  }
  for (const [locale, texts] of Object.entries(config.texts ?? {})) {
    if (typeof texts !== 'object' || texts === null || Object.values(texts).some((text) => typeof text !== 'string')) {
      throw new ConfigError(
        `texts.${locale}`,
        'is not a map of text keys to strings',
        'Give it e.g. { "confirm.title": "Almost there" }.',
      );
    }
  }
  if (typeof config.providers !== 'object' || config.providers === null) {
    throw new ConfigError(
      'providers',
      'is not an object',
      'Give it named providers, e.g. { main: { preset: "gmail", auth: {...} } }.',
    );
  }
  for (const [name, provider] of Object.entries(config.providers)) validateProvider(name, provider);
  validateFeedback(config.feedback);
  validateCaptcha(config.captcha);
  validateTracking(config.tracking);
  const names = Object.keys(config.providers);
  if (names.length > 0 && !config.providers[config.defaultProvider]) {
    throw new ConfigError(
      'defaultProvider',
      `is "${config.defaultProvider}", which is not among the providers (${names.join(', ')})`,
      'Name one of the configured providers.',
    );
  }
}
