import type { Core } from '@strapi/strapi';
import { CONFIRM_TOKEN_TTL_SECONDS, signToken, verifyToken, type Secrets, type TokenPurpose } from './tokens';
import { pluginConfig, getService } from '../utils/plugin';

/** The public base URL: the configured one, else the server's own address. Never the Host header. */
export function publicBase(strapi: Core.Strapi): string {
  const configured = pluginConfig(strapi).publicUrl;
  if (configured) return configured.replace(/\/+$/, '');
  const serverUrl = strapi.config.get('server.url') as string | undefined;
  if (serverUrl) return serverUrl.replace(/\/+$/, '');
  return `http://${strapi.config.get('server.host', '127.0.0.1')}:${strapi.config.get('server.port', 1337)}`;
}

/** Signed links in mail: confirm, unsubscribe, preferences and web (docs/architecture.md, "Public API and pages"). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const secret = () => pluginConfig(strapi).secret as Secrets;
  const now = (): Date => getService(strapi, 'clock').now();
  const url = (path: string, token: string) => `${publicBase(strapi)}/api/email-campaigns/${path}?token=${token}`;

  return {
    /** The link of one confirmation request: its nonce, and the lists its mail names. */
    confirmUrl(subscriberId: number, request: { nonce: string; lists: number[] }) {
      const payload = { sub: subscriberId, purpose: 'confirm' as const, ttlSeconds: CONFIRM_TOKEN_TTL_SECONDS };
      return url('confirm', signToken(secret(), { ...payload, ...request }, now()));
    },
    /** Never expires: the body link and List-Unsubscribe must work for as long as the mail is kept. */
    unsubscribeUrl(subscriberId: number, campaignId?: number) {
      return url(
        'unsubscribe',
        signToken(secret(), { sub: subscriberId, purpose: 'unsubscribe', campaign: campaignId }),
      );
    },
    /** Expires after `preferencesLinkDays`; an expired one offers to mail a fresh link. */
    preferencesUrl(subscriberId: number) {
      const ttlSeconds = pluginConfig(strapi).preferencesLinkDays * 86_400;
      return url('preferences', signToken(secret(), { sub: subscriberId, purpose: 'preferences', ttlSeconds }, now()));
    },
    /** View in browser: that person's message of that campaign; never expires, like the mail it is in. */
    webUrl(subscriberId: number, campaignId: number) {
      return url('web', signToken(secret(), { sub: subscriberId, purpose: 'web', campaign: campaignId }));
    },
    verify(token: unknown, purpose: TokenPurpose) {
      return verifyToken(secret(), token, purpose, now());
    },
    /** Domain for Message-ID and List-Id. */
    mailDomain(): string {
      return pluginConfig(strapi).mailDomain ?? new URL(publicBase(strapi)).hostname;
    },
  };
};
