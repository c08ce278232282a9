import type { Core } from '@strapi/strapi';
import { PRESETS, type ProviderLimits } from '../config/presets';
import { confirmationBudget, type ConfirmationBudget } from '../config/confirmation-budget';
import type { DkimConfig, ProviderConfig } from '../config';
import type { ProviderView } from '../contracts';
import { pluginConfig, getService } from '../utils/plugin';

/** A provider with its preset applied: what the transport and the quota use. */
export interface ResolvedProvider {
  name: string;
  preset: string;
  host: string;
  port: number;
  secure: boolean;
  /** STARTTLS is required before AUTH and the message (always, on a non-local host, unless turned off). */
  requireTLS: boolean;
  auth?: { user?: string; pass?: string };
  from?: string;
  replyTo?: string;
  limits: Required<{ [K in keyof ProviderLimits]: number | null }>;
  /** What confirmation mails may take of the limits. */
  confirmations: ConfirmationBudget;
  maxConnections: number;
  dkim?: DkimConfig;
  sesConfigurationSet?: string;
  transport: Record<string, unknown>;
  /** `config`: config/plugins.js, read-only in the admin; `settings`: added in the Settings page. */
  source: 'config' | 'settings';
}

/**
 * This machine: a password sent there in clear crosses no network. Anything else, private
 * addresses included, is a network hop where STARTTLS must not be optional.
 */
export function isLocalHost(host: string): boolean {
  const name = String(host ?? '')
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost') || name === '::1' || /^127\.\d+\.\d+\.\d+$/.test(name);
}

export function resolveProvider(
  name: string,
  config: ProviderConfig,
  source: ResolvedProvider['source'] = 'config',
): ResolvedProvider {
  const presetName = config.preset ?? 'custom';
  const preset = PRESETS[presetName] ?? PRESETS.custom;
  const port = config.port ?? preset.port ?? 587;
  const limits = { ...preset.limits, ...config.limits };
  const perHour = limits.perHour ?? null;
  const perDay = limits.perDay ?? null;
  return {
    name,
    preset: presetName,
    host: (config.host ?? preset.host) as string,
    port,
    secure: config.secure ?? preset.secure ?? port === 465,
    requireTLS: config.requireTLS ?? !isLocalHost((config.host ?? preset.host) as string),
    auth: config.auth,
    from: config.from,
    replyTo: config.replyTo,
    limits: {
      perSecond: limits.perSecond ?? null,
      perMinute: limits.perMinute ?? null,
      perHour,
      perDay,
    },
    confirmations: confirmationBudget(config.confirmations, { perHour, perDay }),
    maxConnections: config.maxConnections ?? 5,
    dkim: config.dkim,
    sesConfigurationSet: config.sesConfigurationSet,
    transport: config.transport ?? {},
    source,
  };
}

export function toView(provider: ResolvedProvider, defaultName: string): ProviderView {
  return {
    name: provider.name,
    preset: provider.preset,
    host: provider.host,
    port: provider.port,
    secure: provider.secure,
    requireTLS: provider.requireTLS,
    user: provider.auth?.user ?? null,
    hasPassword: Boolean(provider.auth?.pass),
    from: provider.from ?? null,
    replyTo: provider.replyTo ?? null,
    maxConnections: provider.maxConnections,
    limits: provider.limits,
    dkim: provider.dkim
      ? {
          domainName: provider.dkim.domainName,
          keySelector: provider.dkim.keySelector,
          hasPrivateKey: Boolean(provider.dkim.privateKey),
        }
      : null,
    source: provider.source,
    isDefault: provider.name === defaultName,
  };
}

/** How stale another instance's Settings change may be before this instance's sender sees it. */
const REFRESH_EVERY_MS = 30_000;

/**
 * Providers from config/plugins.js merged with those saved in the Settings page. The sender reads
 * them synchronously on every tick, so the saved ones are kept in memory: `load()` reads them from
 * the plugin store (at boot, after every change made in the admin, and every 30 s from the tick, so
 * a change made on another instance reaches this one).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let saved: Record<string, ProviderConfig> = {};
  let loadedAt = 0;

  const configured = () => pluginConfig(strapi).providers;

  return {
    async load() {
      const previous = saved;
      saved = await getService(strapi, 'settings').savedProviders();
      loadedAt = Date.now();
      // A provider changed elsewhere must not keep sending through a pool built from its old settings.
      for (const name of new Set([...Object.keys(previous), ...Object.keys(saved)])) {
        if (JSON.stringify(previous[name]) !== JSON.stringify(saved[name])) getService(strapi, 'transport').reset(name);
      }
    },

    async refresh() {
      if (Date.now() - loadedAt >= REFRESH_EVERY_MS) await this.load();
    },

    all(): ResolvedProvider[] {
      const fromConfig = Object.entries(configured()).map(([name, config]) => resolveProvider(name, config));
      const fromSettings = Object.entries(saved)
        .filter(([name]) => !configured()[name])
        .map(([name, config]) => resolveProvider(name, config, 'settings'));
      return [...fromConfig, ...fromSettings];
    },

    get(name: string): ResolvedProvider | undefined {
      const config = configured()[name];
      if (config) return resolveProvider(name, config);
      return saved[name] ? resolveProvider(name, saved[name], 'settings') : undefined;
    },

    defaultName(): string {
      return pluginConfig(strapi).defaultProvider;
    },

    views(): ProviderView[] {
      const defaultName = this.defaultName();
      return this.all().map((provider) => toView(provider, defaultName));
    },
  };
};
