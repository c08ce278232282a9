import type { Core } from '@strapi/strapi';
import { DEFAULT_CONFIG, type PluginConfig } from '../../config/defaults';
import { pluginConfig } from '../../utils/plugin';

/**
 * The audience side's config keys (defaults and validation in server/src/config), read with their
 * defaults on every call so that tests can change a limit at run time.
 */
export type AudienceSettings = Pick<
  PluginConfig,
  'rateLimit' | 'confirmationIntervalMinutes' | 'maxBodyBytes' | 'texts'
>;

/** Each key as the config may hold it at run time (tests change it): missing, or of any type. */
type Unchecked<T> = { [Key in keyof T]?: unknown };

export function audienceSettings(strapi: Core.Strapi): AudienceSettings {
  const config = (pluginConfig(strapi) ?? {}) as Unchecked<AudienceSettings>;
  const limits = (config.rateLimit ?? {}) as Unchecked<AudienceSettings['rateLimit']>;
  const number = (value: unknown, fallback: number) =>
    typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
  const defaults = DEFAULT_CONFIG;
  return {
    rateLimit: {
      windowSeconds: number(limits.windowSeconds, defaults.rateLimit.windowSeconds),
      subscribePerIp: number(limits.subscribePerIp, defaults.rateLimit.subscribePerIp),
      subscribePerEmail: number(limits.subscribePerEmail, defaults.rateLimit.subscribePerEmail),
      pagesPerIp: number(limits.pagesPerIp, defaults.rateLimit.pagesPerIp),
    },
    confirmationIntervalMinutes: number(config.confirmationIntervalMinutes, defaults.confirmationIntervalMinutes),
    maxBodyBytes: number(config.maxBodyBytes, defaults.maxBodyBytes),
    texts:
      typeof config.texts === 'object' && config.texts !== null
        ? (config.texts as AudienceSettings['texts'])
        : defaults.texts,
  };
}
