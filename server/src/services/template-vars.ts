import type { Core } from '@strapi/strapi';
import { publicBase } from './links';

/**
 * What templates see as `campaign`. The compile, the preview and the sender all build it here,
 * so the preview is exactly what is sent.
 */
export function templateFields(campaign: {
  id?: number | null;
  name?: string | null;
  subject?: string | null;
  preheader?: string | null;
}) {
  return { id: campaign.id ?? null, name: campaign.name, subject: campaign.subject, preheader: campaign.preheader };
}

/**
 * The recipient of previews and test sends: nobody on a list, links that lead nowhere; their
 * locale is the language version shown, so the preview's `lang` is the version's.
 */
export function standInRecipient(
  strapi: Core.Strapi,
  campaign: Record<string, unknown>,
  email = 'test@example.com',
  locale: string | null = null,
) {
  const links = `${publicBase(strapi)}/api/email-campaigns`;
  return {
    subscriber: { id: 0, email, name: 'Test recipient', locale, attributes: {} },
    campaign,
    unsubscribe_url: `${links}/unsubscribe?token=test`,
    preferences_url: `${links}/preferences?token=test`,
    web_url: `${links}/web?token=test`,
  };
}
