import { describe, expect, it } from 'vitest';
import {
  compileCampaign,
  prepareTemplate,
  renderMessage,
  type RecipientVars,
} from '../../server/src/services/composing';
import { failedChecks, preSendChecks } from '../../server/src/services/composing/pre-send-checks';
import { STARTER_TEMPLATES } from '../../server/src/templates';

const recipient: RecipientVars = {
  subscriber: { id: 0, email: 'test@example.com', name: 'Test recipient', locale: null, attributes: {} },
  campaign: {},
  unsubscribe_url: 'http://127.0.0.1/api/email-campaigns/unsubscribe?token=test',
  preferences_url: 'http://127.0.0.1/api/email-campaigns/preferences?token=test',
};

describe('starter templates', () => {
  it('are three: a newsletter, an announcement and a digest of articles', () => {
    expect(STARTER_TEMPLATES.map((t) => t.name)).toEqual(['Newsletter', 'Announcement', 'Digest of articles']);
  });

  it.each(STARTER_TEMPLATES.map((t) => [t.name, t] as const))(
    '%s compiles without errors and passes every check before sending',
    async (_name, template) => {
      const campaign = { name: template.name, subject: template.subject, preheader: template.preheader };
      const entries = [{ title: 'An article', description: 'Its summary' }];
      const { html, errors } = await compileCampaign({ mjml: template.mjml, campaign, entries });
      expect(errors).toEqual([]);
      const message = renderMessage(prepareTemplate({ html, subject: template.subject }), { ...recipient, campaign });
      expect(failedChecks(preSendChecks(message, { unsubscribeUrl: recipient.unsubscribe_url }))).toEqual([]);
      if (template.key === 'starter-digest') expect(message.text).toContain('An article\nIts summary');
    },
  );
});
