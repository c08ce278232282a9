/**
 * The confirmation budget of a provider: how many confirmation mails it may send an hour and a
 * day. Anyone can make the site mail a confirmation to any address, so without a budget a flood
 * of sign-ups spends the provider's whole limit and stalls every campaign ("list bombing"). The
 * budget is a part of the provider's limits; what it leaves is kept for campaigns. See
 * docs/architecture.md, "Limits".
 */
import { ConfigError } from './config-error';
import { PRESETS } from './presets';
import type { ProviderConfig } from './defaults';

export interface ConfirmationBudget {
  perHour: number | null;
  perDay: number | null;
}

const WINDOWS = ['perHour', 'perDay'] as const;

// Without a budget of its own, a window lets confirmations take a fifth of the provider's limit.
const DEFAULT_SHARE = 5;

const isPositiveInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value > 0;

/** The budget in force: the configured numbers, else a fifth of each of the provider's windows. */
export function confirmationBudget(
  configured: ProviderConfig['confirmations'],
  limits: { perHour: number | null; perDay: number | null },
): ConfirmationBudget {
  const budget = (window: (typeof WINDOWS)[number]): number | null => {
    const own = configured?.[window];
    if (isPositiveInteger(own)) return own;
    const limit = limits[window];
    return limit ? Math.max(1, Math.floor(limit / DEFAULT_SHARE)) : null;
  };
  return { perHour: budget('perHour'), perDay: budget('perDay') };
}

export function validateConfirmationBudget(key: string, provider: ProviderConfig) {
  const configured = provider.confirmations;
  if (configured === undefined) return;
  if (typeof configured !== 'object' || configured === null || Array.isArray(configured)) {
    throw new ConfigError(`${key}.confirmations`, 'is not an object', 'Give it { perHour, perDay }, or leave it out.');
  }
  const unknown = Object.keys(configured).filter((name) => !(WINDOWS as readonly string[]).includes(name));
  if (unknown.length) {
    throw new ConfigError(`${key}.confirmations.${unknown[0]}`, 'is not a setting', 'Use perHour and perDay.');
  }
  const limits = { ...(provider.preset ? PRESETS[provider.preset]?.limits : {}), ...provider.limits };
  for (const window of WINDOWS) {
    const value = configured[window];
    if (value === undefined) continue;
    if (!isPositiveInteger(value)) {
      throw new ConfigError(
        `${key}.confirmations.${window}`,
        `is ${JSON.stringify(value)}`,
        'Use a whole number of at least 1, or leave it out for a fifth of the limit.',
      );
    }
    const limit = limits[window];
    if (limit && value >= limit) {
      throw new ConfigError(
        `${key}.confirmations.${window}`,
        `is ${value}, not below limits.${window} (${limit})`,
        'Keep it below the limit, so campaigns keep a share of it that sign-ups cannot take.',
      );
    }
  }
}
