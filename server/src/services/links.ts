import type { Core } from '@strapi/strapi';
import { CONFIRM_TOKEN_TTL_SECONDS, signToken, verifyToken, type TokenPurpose } from './tokens';
import { pluginConfig, getService } from '../utils/plugin';

/** The public base URL: the configured one, else the server's own address. Never the Host header. */
export function publicBase(strapi: Core.Strapi): string {
  const configured = pluginConfig(strapi).publicUrl;
  if (configured) return configured.replace(/\/+$/, '');
  const serverUrl = strapi.config.get('server.url') as string | undefined;
  if (serverUrl) return serverUrl.replace(/\/+$/, '');
  return `http://${strapi.config.get('server.host', '127.0.0.1')}:${strapi.config.get('server.port', 1337)}`;
}

/** Signed links in mail: confirm, unsubscribe and preferences (docs/architecture.md, "Public API and pages"). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const secret = () => pluginConfig(strapi).secret as string;
  const now = (): Date => getService(strapi, 'clock').now();
  const url = (path: string, token: string) => `${publicBase(strapi)}/api/email-campaigns/${path}?token=${token}`;

  return {
    confirmUrl(subscriberId: number) {
      return url(
        'confirm',
        signToken(secret(), { sub: subscriberId, purpose: 'confirm', ttlSeconds: CONFIRM_TOKEN_TTL_SECONDS }, now()),
      );
    },
    unsubscribeUrl(subscriberId: number, campaignId?: number) {
      return url(
        'unsubscribe',
        signToken(secret(), { sub: subscriberId, purpose: 'unsubscribe', campaign: campaignId }),
      );
    },
    preferencesUrl(subscriberId: number) {
      return url('preferences', signToken(secret(), { sub: subscriberId, purpose: 'preferences' }));
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
