/** Providers and the Settings page: `server/src/routes/admin/settings.ts`, `services/settings.ts`. */
import type { ApiResponse } from './common';

/** A provider's sending limits; null: none. */
export interface ProviderLimits {
  perSecond: number | null;
  perMinute: number | null;
  perHour: number | null;
  perDay: number | null;
}

/** What the admin may see of a provider: never its password or DKIM key (`GET /providers`). */
export interface ProviderView {
  name: string;
  preset: string;
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  hasPassword: boolean;
  from: string | null;
  replyTo: string | null;
  maxConnections: number;
  limits: ProviderLimits;
  dkim: { domainName: string; keySelector: string; hasPrivateKey: boolean } | null;
  /** `config`: config/plugins.js, read-only in the admin; `settings`: added in the Settings page. */
  source: 'config' | 'settings';
  isDefault: boolean;
}

/**
 * Body of `POST /settings/providers` and `PUT /settings/providers/:name` (the name is then taken
 * from the path). A blank password or DKIM key keeps the saved one; `clearPassword` removes it.
 */
export interface ProviderInput {
  name: string;
  preset: string;
  host?: string | null;
  port?: number | null;
  secure?: boolean | null;
  user?: string | null;
  password?: string | null;
  clearPassword?: boolean;
  from?: string | null;
  replyTo?: string | null;
  maxConnections?: number | null;
  limits?: Partial<ProviderLimits>;
  dkim?: { domainName: string; keySelector: string; privateKey?: string | null } | null;
}

/** A known SMTP service: where it lives and the limits it publishes. */
export interface Preset {
  name: string;
  label: string;
  host?: string;
  port?: number;
  secure?: boolean;
  limits: Partial<ProviderLimits>;
}

/** Values from config/plugins.js, read-only in the admin. */
export interface GeneralSettings {
  publicUrl: string | null;
  /** False: the sender runs on demand only. */
  cron: string | false;
  batchSize: number;
  defaultProvider: string;
}

/** `GET /settings`. */
export interface Settings {
  providers: ProviderView[];
  presets: Preset[];
  general: GeneralSettings;
}

/** `POST /settings/providers/:name/test`: the SMTP server's answer. */
export interface ConnectionTest {
  ok: boolean;
  message: string;
  /** Whether the provider's DKIM private key can sign; null when it has none. */
  dkim: { ok: boolean; message: string } | null;
}

export type ProviderSaved = ApiResponse<ProviderView>;
export type ProviderDeleted = ApiResponse<{ name: string }>;
export type ConnectionTested = ApiResponse<ConnectionTest>;
