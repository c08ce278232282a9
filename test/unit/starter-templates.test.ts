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

  it("the digest shows each entry's cover with its alternative text and its summary as HTML", async () => {
    const digest = STARTER_TEMPLATES.find((t) => t.key === 'starter-digest')!;
    const campaign = { name: digest.name, subject: digest.subject, preheader: digest.preheader };
    const cover = { url: 'https://news.example.com/uploads/harbour.png', alternativeText: 'The harbour at dawn' };
    const entries = [
      { title: 'Harbour news', cover, summary: '<p>A <strong>new</strong> harbour.</p>' },
      { title: 'No cover', cover: null, summary: '<p>Text only</p>' },
    ];
    const { html, errors } = await compileCampaign({ mjml: digest.mjml, campaign, entries });
    expect(errors).toEqual([]);
    const message = renderMessage(prepareTemplate({ html, subject: digest.subject }), { ...recipient, campaign });
    expect(message.html).toMatch(
      /<img[^>]+alt="The harbour at dawn"[^>]+src="https:\/\/news\.example\.com\/uploads\/harbour\.png"/,
    );
    expect(message.html.match(/<img/g)).toHaveLength(1);
    expect(message.html).toContain('<p>A <strong>new</strong> harbour.</p>');
    expect(message.html).toContain('<p>Text only</p>');
    expect(failedChecks(preSendChecks(message, { unsubscribeUrl: recipient.unsubscribe_url }))).toEqual([]);
  });
});
