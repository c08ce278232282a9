import type { ProviderLimits } from './presets';

export interface DkimConfig {
  domainName: string;
  keySelector: string;
  privateKey: string;
}

export interface ProviderConfig {
  preset?: string;
  host?: string;
  port?: number;
  secure?: boolean;
  auth?: { user?: string; pass?: string };
  from?: string;
  replyTo?: string;
  limits?: ProviderLimits;
  /** Parallel SMTP connections in the pool. */
  maxConnections?: number;
  dkim?: DkimConfig;
  /** Extra nodemailer transport options (tls, timeouts...). */
  transport?: Record<string, unknown>;
}

export interface PluginConfig {
  /** Base URL for links in mail (confirm, unsubscribe, preferences). */
  publicUrl?: string;
  /** Signs the tokens in those links. */
  secret?: string;
  defaultProvider: string;
  providers: Record<string, ProviderConfig>;
  /** node-cron expression of the sender tick, or false to run ticks only on demand. */
  cron: string | false;
  /** Most rows one tick claims per provider. */
  batchSize: number;
  /** How long a claim is valid before another instance may treat it as abandoned. */
  leaseSeconds: number;
  /** Attempts before a transiently failing row is marked failed. */
  maxAttempts: number;
  /** Pending (never confirmed) subscribers are purged after this many days. */
  pendingPurgeDays: number;
  /** Domain used in Message-ID and List-Id; defaults to the public URL's host. */
  mailDomain?: string;
}

export const DEFAULT_CONFIG: PluginConfig = {
  defaultProvider: 'main',
  providers: {},
  cron: '*/10 * * * * *',
  batchSize: 100,
  leaseSeconds: 300,
  maxAttempts: 6,
  pendingPurgeDays: 7,
};
