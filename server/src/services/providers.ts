import type { Core } from '@strapi/strapi';
import { PRESETS, type ProviderLimits } from '../config/presets';
import type { DkimConfig, ProviderConfig } from '../config';
import { pluginConfig } from '../utils/plugin';

/** A provider with its preset applied: what the transport and the quota use. */
export interface ResolvedProvider {
  name: string;
  preset: string;
  host: string;
  port: number;
  secure: boolean;
  auth?: { user?: string; pass?: string };
  from?: string;
  replyTo?: string;
  limits: Required<{ [K in keyof ProviderLimits]: number | null }>;
  maxConnections: number;
  dkim?: DkimConfig;
  transport: Record<string, unknown>;
  source: 'config';
}

/** What the admin may see of a provider: never the password or the DKIM key. */
export interface ProviderView {
  name: string;
  preset: string;
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  hasPassword: boolean;
  from: string | null;
  limits: ResolvedProvider['limits'];
  dkim: { domainName: string; keySelector: string } | null;
  source: ResolvedProvider['source'];
  isDefault: boolean;
}

export function resolveProvider(name: string, config: ProviderConfig): ResolvedProvider {
  const presetName = config.preset ?? 'custom';
  const preset = PRESETS[presetName] ?? PRESETS.custom;
  const port = config.port ?? preset.port ?? 587;
  const limits = { ...preset.limits, ...config.limits };
  return {
    name,
    preset: presetName,
    host: (config.host ?? preset.host) as string,
    port,
    secure: config.secure ?? preset.secure ?? port === 465,
    auth: config.auth,
    from: config.from,
    replyTo: config.replyTo,
    limits: {
      perSecond: limits.perSecond ?? null,
      perMinute: limits.perMinute ?? null,
      perHour: limits.perHour ?? null,
      perDay: limits.perDay ?? null,
    },
    maxConnections: config.maxConnections ?? 5,
    dkim: config.dkim,
    transport: config.transport ?? {},
    source: 'config',
  };
}

export function toView(provider: ResolvedProvider, defaultName: string): ProviderView {
  return {
    name: provider.name,
    preset: provider.preset,
    host: provider.host,
    port: provider.port,
    secure: provider.secure,
    user: provider.auth?.user ?? null,
    hasPassword: Boolean(provider.auth?.pass),
    from: provider.from ?? null,
    limits: provider.limits,
    dkim: provider.dkim ? { domainName: provider.dkim.domainName, keySelector: provider.dkim.keySelector } : null,
    source: provider.source,
    isDefault: provider.name === defaultName,
  };
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  all(): ResolvedProvider[] {
    const { providers } = pluginConfig(strapi);
    return Object.entries(providers).map(([name, config]) => resolveProvider(name, config));
  },

  get(name: string): ResolvedProvider | undefined {
    const config = pluginConfig(strapi).providers[name];
    return config ? resolveProvider(name, config) : undefined;
  },

  defaultName(): string {
    return pluginConfig(strapi).defaultProvider;
  },

  views(): ProviderView[] {
    const defaultName = this.defaultName();
    return this.all().map((provider) => toView(provider, defaultName));
  },
});
